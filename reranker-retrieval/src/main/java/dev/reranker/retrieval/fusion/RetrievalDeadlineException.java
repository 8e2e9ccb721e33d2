package dev.reranker.retrieval.fusion;

import java.time.Duration;

/**
 * One arm of a hybrid retrieval did not answer within the retrieval deadline
 * ({@link FusionDocumentRetriever.Builder#deadline}). The message names the arm, the
 * deadline and the settings to change.
 */
public class RetrievalDeadlineException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String arm;

	private final Duration deadline;

	public RetrievalDeadlineException(String arm, Duration deadline) {
		super("The '" + arm + "' arm did not answer within the retrieval deadline of " + deadline.toMillis()
				+ " ms. Raise FusionDocumentRetriever.Builder#deadline (reranker.advisor.retrieval-deadline) if it"
				+ " is expected to take longer, or look for what slows it down (a lock, an overloaded database).");
		this.arm = arm;
		this.deadline = deadline;
	}

	/** The name of the arm that did not answer. */
	public String getArm() {
		return this.arm;
	}

	/** The deadline it missed. */
	public Duration getDeadline() {
		return this.deadline;
	}

}

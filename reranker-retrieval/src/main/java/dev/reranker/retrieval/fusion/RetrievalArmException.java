package dev.reranker.retrieval.fusion;

/**
 * One arm of a hybrid retrieval failed and {@link ArmFailureMode#FAIL} is configured, or
 * every arm failed. The message names the arm; the cause is its failure.
 */
public class RetrievalArmException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String arm;

	public RetrievalArmException(String arm, String message, Throwable cause) {
		super(message, cause);
		this.arm = arm;
	}

	/** The name of the arm that failed (the first one, when several did). */
	public String getArm() {
		return this.arm;
	}

}

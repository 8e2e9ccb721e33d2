package dev.reranker.llm;

import io.micrometer.observation.Observation;

/**
 * What the observation of one prompt to the chat model knows: the mode and the number of
 * passages when it starts, the answer's outcome when it ends.
 */
public class LlmAnswerObservationContext extends Observation.Context {

	private final LlmRerankMode mode;

	private final int passages;

	private LlmAnswerOutcome outcome = LlmAnswerOutcome.ERROR;

	/**
	 * @param mode the mode the prompt belongs to
	 * @param passages how many passages the prompt holds
	 */
	public LlmAnswerObservationContext(LlmRerankMode mode, int passages) {
		this.mode = mode;
		this.passages = passages;
	}

	public LlmRerankMode getMode() {
		return this.mode;
	}

	public int getPassages() {
		return this.passages;
	}

	/**
	 * How the answer was read; {@link LlmAnswerOutcome#ERROR} until one was.
	 * @return the outcome
	 */
	public LlmAnswerOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(LlmAnswerOutcome outcome) {
		this.outcome = outcome;
	}

}

package dev.reranker.llm;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of the prompts {@link LlmRerankModel} sends; implement
 * it (or extend {@link DefaultLlmAnswerObservationConvention}) to change them.
 */
public interface LlmAnswerObservationConvention extends ObservationConvention<LlmAnswerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LlmAnswerObservationContext;
	}

}

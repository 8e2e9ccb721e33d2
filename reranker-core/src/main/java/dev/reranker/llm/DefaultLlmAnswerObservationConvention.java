package dev.reranker.llm;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.reranker.llm.LlmAnswerObservationDocumentation.HighCardinalityKeyNames;
import dev.reranker.llm.LlmAnswerObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default name and tags of a prompt's observation: {@code reranker.llm.answer},
 * contextual name {@code rerank prompt <mode>}, tagged with the mode and the answer's
 * outcome. With Micrometer metrics, the timer's count tagged
 * {@code reranker.llm.answer=unparseable} is the number of answers that could not be
 * read.
 */
public class DefaultLlmAnswerObservationConvention implements LlmAnswerObservationConvention {

	/** The observation name. */
	public static final String DEFAULT_NAME = "reranker.llm.answer";

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(LlmAnswerObservationContext context) {
		return "rerank prompt " + context.getMode().value();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LlmAnswerObservationContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.MODE, context.getMode().value()),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, context.getOutcome().value()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LlmAnswerObservationContext context) {
		return KeyValues.of(KeyValue.of(HighCardinalityKeyNames.PASSAGES, String.valueOf(context.getPassages())));
	}

}

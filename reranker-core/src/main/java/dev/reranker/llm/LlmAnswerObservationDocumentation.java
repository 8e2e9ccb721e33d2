package dev.reranker.llm;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of one prompt {@link LlmRerankModel} sends
 * ({@code reranker.llm.answer}) and its keys: a child of the rerank model's
 * {@code gen_ai.client.operation}, and the parent of the chat model's own observation.
 */
public enum LlmAnswerObservationDocumentation implements ObservationDocumentation {

	/** One prompt to the chat model and the reading of its answer. */
	LLM_ANSWER {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLlmAnswerObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	};

	/** Tags with few values: safe as metric dimensions. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** {@code listwise} or {@code pointwise}. */
		MODE {
			@Override
			public String asString() {
				return "reranker.llm.mode";
			}
		},

		/** {@code complete}, {@code partial}, {@code unparseable} or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "reranker.llm.answer";
			}
		}

	}

	/** Tags with many values: recorded on traces, not metrics. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** How many passages the prompt holds. */
		PASSAGES {
			@Override
			public String asString() {
				return "reranker.llm.passages";
			}
		}

	}

}

package dev.reranker.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

import org.springframework.ai.observation.conventions.AiObservationAttributes;

/**
 * The observation of one rerank model call and its keys, in Spring AI's vocabulary
 * (compare {@code EmbeddingModelObservationDocumentation}).
 */
public enum RerankModelObservationDocumentation implements ObservationDocumentation {

	/** One call of {@link dev.reranker.RerankModel#call}. */
	RERANK_MODEL_OPERATION {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRerankModelObservationConvention.class;
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

	/**
	 * Tags with few values: the same four Spring AI's chat and embedding observations
	 * carry, so the shared {@code gen_ai.client.operation} meter keeps one set of tag
	 * keys.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** Always {@code rerank}. */
		AI_OPERATION_TYPE {
			@Override
			public String asString() {
				return AiObservationAttributes.AI_OPERATION_TYPE.value();
			}
		},

		/** The provider, e.g. {@code cohere} or {@code local}. */
		AI_PROVIDER {
			@Override
			public String asString() {
				return AiObservationAttributes.AI_PROVIDER.value();
			}
		},

		/** The model asked for, or {@code none}. */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return AiObservationAttributes.REQUEST_MODEL.value();
			}
		},

		/** The model that answered, or {@code none}. */
		RESPONSE_MODEL {
			@Override
			public String asString() {
				return AiObservationAttributes.RESPONSE_MODEL.value();
			}
		}

	}

	/** Tags with many values: recorded on traces, not metrics. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** How many documents the request holds. */
		REQUEST_DOCUMENTS {
			@Override
			public String asString() {
				return "reranker.request.documents";
			}
		},

		/** The top-n the request asks for, when set. */
		REQUEST_TOP_N {
			@Override
			public String asString() {
				return "reranker.request.top_n";
			}
		},

		/** How many results the response holds. */
		RESPONSE_RESULTS {
			@Override
			public String asString() {
				return "reranker.response.results";
			}
		}

	}

}

package dev.reranker.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of the reranking post-processor ({@code reranker.post_processor}) and
 * its keys. The model call inside is a child observation, see
 * {@link RerankModelObservationDocumentation}.
 */
public enum RerankObservationDocumentation implements ObservationDocumentation {

	/** One call of the reranking document post-processor. */
	RERANK_OPERATION {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRerankObservationConvention.class;
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

		/** Always {@code rerank}. */
		OPERATION {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The provider, e.g. {@code cohere} or {@code local}. */
		PROVIDER {
			@Override
			public String asString() {
				return "gen_ai.system";
			}
		},

		/** The model name, or {@code none}. */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
			}
		},

		/** {@code success}, {@code fallback} or {@code failure}. */
		OUTCOME {
			@Override
			public String asString() {
				return "reranker.outcome";
			}
		}

	}

	/** Tags with many values: recorded on traces, not metrics. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** How many documents the call received. */
		DOCUMENTS_IN {
			@Override
			public String asString() {
				return "reranker.documents.in";
			}
		},

		/** How many documents were sent to the model. */
		DOCUMENTS_SCORED {
			@Override
			public String asString() {
				return "reranker.documents.scored";
			}
		},

		/** How many documents the call returned. */
		DOCUMENTS_OUT {
			@Override
			public String asString() {
				return "reranker.documents.out";
			}
		},

		/** The effective top-n. */
		TOP_N {
			@Override
			public String asString() {
				return "reranker.top_n";
			}
		},

		/** The effective minimum score, when set. */
		MIN_SCORE {
			@Override
			public String asString() {
				return "reranker.min_score";
			}
		},

		/**
		 * The query text; recorded only when enabled, since it may hold personal data.
		 */
		QUERY {
			@Override
			public String asString() {
				return "reranker.query";
			}
		}

	}

}

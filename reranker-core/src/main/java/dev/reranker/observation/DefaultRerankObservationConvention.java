package dev.reranker.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.reranker.observation.RerankObservationDocumentation.HighCardinalityKeyNames;
import dev.reranker.observation.RerankObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default name and tags of the reranking post-processor's observations:
 * {@code reranker.post_processor}, contextual name {@code rerank documents <model>}. The
 * model call it makes is observed separately, as a child, under Spring AI's
 * {@code gen_ai.client.operation} (see {@link DefaultRerankModelObservationConvention});
 * the names differ so that the two never feed one meter with different tag keys.
 */
public class DefaultRerankObservationConvention implements RerankObservationConvention {

	/** The observation name. */
	public static final String DEFAULT_NAME = "reranker.post_processor";

	/** The operation name recorded on every rerank observation. */
	public static final String OPERATION = RerankModelObservationContext.OPERATION_TYPE;

	private static final String CONTEXTUAL_NAME = "rerank documents";

	private final boolean includeQuery;

	/**
	 * A convention that does not record query text.
	 */
	public DefaultRerankObservationConvention() {
		this(false);
	}

	/**
	 * @param includeQuery whether to record the query text as a high-cardinality key
	 */
	public DefaultRerankObservationConvention(boolean includeQuery) {
		this.includeQuery = includeQuery;
	}

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(RerankObservationContext context) {
		return (context.getModel() != null) ? CONTEXTUAL_NAME + " " + context.getModel() : CONTEXTUAL_NAME;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RerankObservationContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION, OPERATION),
				KeyValue.of(LowCardinalityKeyNames.PROVIDER, context.getProvider()),
				KeyValue.of(LowCardinalityKeyNames.REQUEST_MODEL,
						context.getModel() != null ? context.getModel() : KeyValue.NONE_VALUE),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, context.getOutcome().value()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RerankObservationContext context) {
		KeyValues values = KeyValues.of(
				KeyValue.of(HighCardinalityKeyNames.DOCUMENTS_IN, String.valueOf(context.getDocumentsIn())),
				KeyValue.of(HighCardinalityKeyNames.DOCUMENTS_SCORED, String.valueOf(context.getDocumentsScored())),
				KeyValue.of(HighCardinalityKeyNames.DOCUMENTS_OUT, String.valueOf(context.getDocumentsOut())),
				KeyValue.of(HighCardinalityKeyNames.TOP_N, String.valueOf(context.getTopN())));
		if (context.getMinScore() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.MIN_SCORE, String.valueOf(context.getMinScore())));
		}
		if (this.includeQuery) {
			values = values.and(KeyValue.of(HighCardinalityKeyNames.QUERY, context.getQuery()));
		}
		return values;
	}

}

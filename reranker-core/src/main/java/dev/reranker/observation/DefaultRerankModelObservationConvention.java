package dev.reranker.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.reranker.RerankResponse;
import dev.reranker.observation.RerankModelObservationDocumentation.HighCardinalityKeyNames;
import dev.reranker.observation.RerankModelObservationDocumentation.LowCardinalityKeyNames;

import org.springframework.util.StringUtils;

/**
 * The default name and tags of rerank model observations: Spring AI's
 * {@code gen_ai.client.operation}, operation {@code rerank}, so rerank calls appear
 * beside chat and embedding calls in the same dashboards. Override a {@code protected}
 * method to change one tag.
 */
public class DefaultRerankModelObservationConvention implements RerankModelObservationConvention {

	/** The observation name, shared with Spring AI's model observations. */
	public static final String DEFAULT_NAME = "gen_ai.client.operation";

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(RerankModelObservationContext context) {
		String model = context.getRequestOptions().getModel();
		String operation = context.getOperationMetadata().operationType();
		return StringUtils.hasText(model) ? operation + " " + model : operation;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RerankModelObservationContext context) {
		return KeyValues.of(aiOperationType(context), aiProvider(context), requestModel(context),
				responseModel(context));
	}

	protected KeyValue aiOperationType(RerankModelObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.AI_OPERATION_TYPE, context.getOperationMetadata().operationType());
	}

	protected KeyValue aiProvider(RerankModelObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.AI_PROVIDER, context.getOperationMetadata().provider());
	}

	protected KeyValue requestModel(RerankModelObservationContext context) {
		String model = context.getRequestOptions().getModel();
		return KeyValue.of(LowCardinalityKeyNames.REQUEST_MODEL,
				StringUtils.hasText(model) ? model : KeyValue.NONE_VALUE);
	}

	protected KeyValue responseModel(RerankModelObservationContext context) {
		RerankResponse response = context.getResponse();
		String model = (response != null) ? response.getMetadata().getModel() : null;
		return KeyValue.of(LowCardinalityKeyNames.RESPONSE_MODEL,
				StringUtils.hasText(model) ? model : KeyValue.NONE_VALUE);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RerankModelObservationContext context) {
		KeyValues values = KeyValues.of(KeyValue.of(HighCardinalityKeyNames.REQUEST_DOCUMENTS,
				String.valueOf(context.getRequest().documents().size())));
		values = requestTopN(values, context);
		return responseResults(values, context);
	}

	protected KeyValues requestTopN(KeyValues values, RerankModelObservationContext context) {
		Integer topN = context.getRequestOptions().getTopN();
		return (topN != null) ? values.and(KeyValue.of(HighCardinalityKeyNames.REQUEST_TOP_N, String.valueOf(topN)))
				: values;
	}

	protected KeyValues responseResults(KeyValues values, RerankModelObservationContext context) {
		RerankResponse response = context.getResponse();
		return (response != null) ? values
			.and(KeyValue.of(HighCardinalityKeyNames.RESPONSE_RESULTS, String.valueOf(response.getResults().size())))
				: values;
	}

}

package dev.reranker.observation;

import org.springframework.ai.model.observation.ModelObservationContext;
import org.springframework.ai.observation.AiOperationMetadata;
import org.springframework.util.Assert;

import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;

/**
 * What an observation of one {@link dev.reranker.RerankModel#call(RerankRequest)} knows:
 * the request, the options in effect (the model's defaults merged with the request's),
 * the provider and, once the call returned, the response. Shaped like Spring AI's
 * {@code EmbeddingModelObservationContext}.
 */
public class RerankModelObservationContext extends ModelObservationContext<RerankRequest, RerankResponse> {

	/**
	 * The operation type of rerank calls; Spring AI's {@code AiOperationType} has none.
	 */
	public static final String OPERATION_TYPE = "rerank";

	private final RerankOptions requestOptions;

	/**
	 * Creates the context of a call that is about to start.
	 * @param request the request
	 * @param provider the provider name, e.g. {@code cohere} or {@code local}
	 * @param requestOptions the options in effect for the call
	 */
	public RerankModelObservationContext(RerankRequest request, String provider, RerankOptions requestOptions) {
		super(request, AiOperationMetadata.builder().operationType(OPERATION_TYPE).provider(provider).build());
		Assert.notNull(requestOptions, "requestOptions must not be null");
		this.requestOptions = requestOptions;
	}

	/**
	 * The options in effect: the model's defaults merged with the request's.
	 * @return the options
	 */
	public RerankOptions getRequestOptions() {
		return this.requestOptions;
	}

}

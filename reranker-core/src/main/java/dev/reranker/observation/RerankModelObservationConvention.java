package dev.reranker.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags observations of rerank model calls; implement it (or extend
 * {@link DefaultRerankModelObservationConvention}) and pass it to a model's builder,
 * {@link ObservedRerankModel#of}, or define it as a bean, to change them.
 */
public interface RerankModelObservationConvention extends ObservationConvention<RerankModelObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RerankModelObservationContext;
	}

}

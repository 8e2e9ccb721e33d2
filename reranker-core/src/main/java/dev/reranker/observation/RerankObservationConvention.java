package dev.reranker.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags rerank observations; implement it (or extend
 * {@link DefaultRerankObservationConvention}) to change them.
 */
public interface RerankObservationConvention extends ObservationConvention<RerankObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof RerankObservationContext;
	}

}

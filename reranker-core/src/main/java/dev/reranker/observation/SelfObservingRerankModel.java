package dev.reranker.observation;

import io.micrometer.observation.ObservationRegistry;

import dev.reranker.RerankModel;

/**
 * A {@link RerankModel} that observes its own calls, as the built-in models do when given
 * an {@link ObservationRegistry}; {@link ObservedRerankModel#of} leaves such a model as
 * it is instead of observing each call twice.
 */
public interface SelfObservingRerankModel extends RerankModel {

	/**
	 * The registry this model's calls are observed in.
	 * @return the registry, {@link ObservationRegistry#NOOP} when not observed
	 */
	ObservationRegistry getObservationRegistry();

}

package dev.reranker.observation;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.BudgetedRerankModel;
import dev.reranker.RerankModel;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;

import org.springframework.util.Assert;

/**
 * Observes the calls of any {@link RerankModel}, typically your own, as the built-in
 * models observe theirs: {@code RerankModel observed = ObservedRerankModel.of(myModel,
 * observationRegistry)}. Everything else is delegated.
 */
public final class ObservedRerankModel implements SelfObservingRerankModel, BudgetedRerankModel {

	private final RerankModel delegate;

	private final RerankModelObserver observer;

	private ObservedRerankModel(RerankModel delegate, RerankModelObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	/**
	 * Observes {@code model}'s calls with the default convention.
	 * @param model the model
	 * @param observationRegistry where observations go
	 * @return the observed model; {@code model} itself when it already observes its calls
	 */
	public static RerankModel of(RerankModel model, ObservationRegistry observationRegistry) {
		return of(model, observationRegistry, null);
	}

	/**
	 * Observes {@code model}'s calls.
	 * @param model the model
	 * @param observationRegistry where observations go
	 * @param observationConvention the convention, or {@code null} for the default
	 * @return the observed model; {@code model} itself when it already observes its calls
	 */
	public static RerankModel of(RerankModel model, ObservationRegistry observationRegistry,
			@Nullable RerankModelObservationConvention observationConvention) {
		Assert.notNull(model, "model must not be null");
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		if (observationRegistry.isNoop() || (model instanceof SelfObservingRerankModel observed
				&& !observed.getObservationRegistry().isNoop())) {
			return model;
		}
		return new ObservedRerankModel(model, new RerankModelObserver(observationRegistry, observationConvention));
	}

	@Override
	public RerankResponse call(RerankRequest request) {
		return this.observer.observe(this.delegate, request, this.delegate::call);
	}

	/** The wrapped model's prediction; every text when it cannot predict its cost. */
	@Override
	public int affordable(String query, List<String> texts, Duration budget) {
		return (this.delegate instanceof BudgetedRerankModel budgeted) ? budgeted.affordable(query, texts, budget)
				: texts.size();
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return this.delegate.getDefaultOptions();
	}

	@Override
	public String getProviderName() {
		return this.delegate.getProviderName();
	}

	@Override
	public ObservationRegistry getObservationRegistry() {
		return this.observer.getObservationRegistry();
	}

	/**
	 * The model whose calls are observed.
	 * @return the model
	 */
	public RerankModel getDelegate() {
		return this.delegate;
	}

	@Override
	public String toString() {
		return "ObservedRerankModel{" + this.delegate + "}";
	}

}

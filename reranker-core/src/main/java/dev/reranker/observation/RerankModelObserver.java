package dev.reranker.observation;

import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;

import org.springframework.util.Assert;

/**
 * Wraps one rerank model call in a {@link RerankModelObservationDocumentation
 * gen_ai.client.operation} observation: what the built-in models and
 * {@link ObservedRerankModel} share. A call made inside another observation's scope (the
 * post-processor's) becomes its child. Thread-safe.
 */
public final class RerankModelObserver {

	/** Observes nothing. */
	public static final RerankModelObserver NOOP = new RerankModelObserver(ObservationRegistry.NOOP, null);

	private static final RerankModelObservationConvention DEFAULT_CONVENTION = new DefaultRerankModelObservationConvention();

	private final ObservationRegistry observationRegistry;

	private final @Nullable RerankModelObservationConvention observationConvention;

	/**
	 * @param observationRegistry where observations go
	 * @param observationConvention the convention, or {@code null} for
	 * {@link DefaultRerankModelObservationConvention}
	 */
	public RerankModelObserver(ObservationRegistry observationRegistry,
			@Nullable RerankModelObservationConvention observationConvention) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null (Builder#observationRegistry)");
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/**
	 * Runs one call of {@code model} inside an observation.
	 * @param model the model, for its provider name and default options
	 * @param request the request
	 * @param call the work of the call
	 * @return the call's response
	 */
	public RerankResponse observe(RerankModel model, RerankRequest request,
			Function<RerankRequest, RerankResponse> call) {
		if (this.observationRegistry.isNoop()) {
			return call.apply(request);
		}
		RerankModelObservationContext context = new RerankModelObservationContext(request, model.getProviderName(),
				model.getDefaultOptions().merge(request.options()));
		return RerankModelObservationDocumentation.RERANK_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> {
				RerankResponse response = call.apply(request);
				context.setResponse(response);
				return response;
			});
	}

	public ObservationRegistry getObservationRegistry() {
		return this.observationRegistry;
	}

}

package dev.reranker.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankModelObserver;
import dev.reranker.observation.SelfObservingRerankModel;

import org.springframework.core.retry.RetryListener;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Base of the remote rerank providers: splits a request into batches no larger than the
 * provider's per-call limit, sends them at the same time through a
 * {@link RemoteRerankClient} within one deadline, checks every batch's results (index in
 * range, no duplicates, none missing, score a number in {@code [0, 1]}) and merges them
 * back by index.
 * <p>
 * Subclasses only translate one batch to and from their wire format. Each call is
 * observed as {@code gen_ai.client.operation} when the builder was given an
 * {@link Builder#observationRegistry(ObservationRegistry) observation registry}.
 * <p>
 * The requests run on the {@link Builder#executor(Executor) executor} given to the
 * builder, or else on a bounded pool owned by the model's client; {@link #close()} shuts
 * that pool down (a Spring container does so when it closes the bean), never a supplied
 * executor.
 */
public abstract class RemoteRerankModel implements SelfObservingRerankModel, AutoCloseable {

	/**
	 * Default time an endpoint that failed is skipped ({@link Builder#endpointCoolDown}).
	 */
	public static final Duration DEFAULT_ENDPOINT_COOL_DOWN = EndpointPool.DEFAULT_COOL_DOWN;

	private final RemoteRerankClient client;

	private final RerankOptions defaultOptions;

	private final int maxDocumentsPerRequest;

	private final RerankModelObserver observer;

	/**
	 * Creates the model from what its builder collected.
	 * @param client the client built by {@link Builder#buildClient(String)}
	 * @param builder the builder
	 */
	protected RemoteRerankModel(RemoteRerankClient client, Builder<?> builder) {
		Assert.notNull(client, "client must not be null");
		this.client = client;
		this.defaultOptions = builder.defaultOptions();
		this.maxDocumentsPerRequest = checkMaxDocumentsPerRequest(builder);
		this.observer = new RerankModelObserver(builder.observationRegistry, builder.observationConvention);
	}

	private static int checkMaxDocumentsPerRequest(Builder<?> builder) {
		int value = builder.maxDocumentsPerRequest;
		Assert.isTrue(value >= 1, () -> "maxDocumentsPerRequest must be >= 1 but was " + value + " ("
				+ ClassUtils.getShortName(builder.getClass()) + "#maxDocumentsPerRequest)");
		return value;
	}

	@Override
	public RerankResponse call(RerankRequest request) {
		return this.observer.observe(this, request, this::rerank);
	}

	private RerankResponse rerank(RerankRequest request) {
		RerankOptions options = this.defaultOptions.merge(request.options());
		List<String> documents = request.documents();
		String model = options.getModel();
		if (documents.isEmpty()) {
			return new RerankResponse(List.of(), new RerankResponseMetadata(model));
		}
		Integer topN = options.getTopN();
		List<Function<RemoteCall, List<RerankResult>>> tasks = RerankBatch
			.split(documents, this.maxDocumentsPerRequest, topN)
			.stream()
			.<Function<RemoteCall, List<RerankResult>>>map(batch -> call -> batch.check(
					scoreBatch(call, request.query(), batch.documents(), model, batch.topN()), scoreRangeHint(),
					this::malformed))
			.toList();
		return new RerankResponse(RerankBatch.merge(this.client.executeAll(tasks), topN),
				new RerankResponseMetadata(model));
	}

	/**
	 * Scores one batch.
	 * @param call the deadline-bound call to send requests through
	 * @param query the query
	 * @param documents the batch, at most the provider's per-call limit
	 * @param model the model to ask for, or {@code null} for the server's default
	 * @param topN the number of results wanted, or {@code null} for one per document
	 * @return the results with indices relative to {@code documents}, as the server sent
	 * them (they are checked afterwards)
	 */
	protected abstract List<RerankResult> scoreBatch(RemoteCall call, String query, List<String> documents,
			@Nullable String model, @Nullable Integer topN);

	/**
	 * Turns one wire result into a {@link RerankResult}, failing clearly on missing
	 * fields.
	 * @param index the index the server sent
	 * @param score the score the server sent
	 * @return the result
	 */
	protected final RerankResult result(@Nullable Integer index, @Nullable Double score) {
		if (index == null) {
			throw malformed("a result has no index");
		}
		if (score == null) {
			throw malformed("the result for index " + index + " has no score");
		}
		return new RerankResult(index, score);
	}

	/**
	 * A permanent (not retried) failure for an answer that does not make sense.
	 * @param problem what is wrong with the answer
	 * @return the exception to throw
	 */
	protected final RemoteRerankException malformed(String problem) {
		return this.client.malformed(problem);
	}

	/**
	 * Advice appended to the error about a score outside {@code [0, 1]}.
	 * @return the advice, empty by default
	 */
	protected String scoreRangeHint() {
		return "";
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	@Override
	public String getProviderName() {
		return this.client.getProvider();
	}

	@Override
	public ObservationRegistry getObservationRegistry() {
		return this.observer.getObservationRegistry();
	}

	public int getMaxDocumentsPerRequest() {
		return this.maxDocumentsPerRequest;
	}

	/**
	 * The client that sends this model's requests (base URLs, deadline and retry
	 * settings; never the API key).
	 * @return the client
	 */
	public RemoteRerankClient getClient() {
		return this.client;
	}

	/**
	 * Shuts down the client's own executor, if it has one; a supplied executor stays
	 * untouched. Calls made afterwards fail.
	 */
	@Override
	public void close() {
		this.client.close();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "{provider=" + getProviderName() + ", baseUrls=" + this.client.getBaseUrls()
				+ ", model=" + this.defaultOptions.getModel() + ", maxDocumentsPerRequest="
				+ this.maxDocumentsPerRequest + "}";
	}

	/**
	 * What every remote provider's builder takes.
	 *
	 * @param <B> the concrete builder type
	 */
	public abstract static class Builder<B extends Builder<B>> {

		// What the client needs is collected by the client's own builder.
		private final RemoteRerankClient.Builder client = RemoteRerankClient.builder();

		private @Nullable String model;

		private int maxDocumentsPerRequest;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankModelObservationConvention observationConvention;

		protected Builder(String defaultBaseUrl, @Nullable String defaultModel, int defaultMaxDocumentsPerRequest) {
			this.client.baseUrl(defaultBaseUrl);
			this.model = defaultModel;
			this.maxDocumentsPerRequest = defaultMaxDocumentsPerRequest;
		}

		@SuppressWarnings("unchecked")
		private B self() {
			return (B) this;
		}

		/** The service's base URL (scheme, host, port, optional path prefix). */
		public B baseUrl(String baseUrl) {
			this.client.baseUrl(baseUrl);
			return self();
		}

		/**
		 * Base URLs of equivalent servers (replicas serving the same model), replacing
		 * {@link #baseUrl(String)}: requests go round-robin, and one that refused a
		 * connection or answered 5xx is skipped for {@link #endpointCoolDown(Duration)}.
		 */
		public B baseUrls(List<String> baseUrls) {
			this.client.baseUrls(baseUrls);
			return self();
		}

		/** How long an endpoint that failed is skipped; default 30 s. */
		public B endpointCoolDown(Duration endpointCoolDown) {
			this.client.endpointCoolDown(endpointCoolDown);
			return self();
		}

		/** The API key, sent as a Bearer token; {@code null} sends none. */
		public B apiKey(@Nullable String apiKey) {
			this.client.apiKey(apiKey);
			return self();
		}

		/** The model to ask for. */
		public B model(@Nullable String model) {
			this.model = model;
			return self();
		}

		/** The most documents sent in one request; longer lists are split. */
		public B maxDocumentsPerRequest(int maxDocumentsPerRequest) {
			this.maxDocumentsPerRequest = maxDocumentsPerRequest;
			return self();
		}

		/** The builder the HTTP client is derived from (cloned, not changed). */
		public B restClientBuilder(RestClient.Builder restClientBuilder) {
			this.client.restClientBuilder(restClientBuilder);
			return self();
		}

		/** Deadline and retry settings. */
		public B settings(RemoteCallSettings settings) {
			this.client.settings(settings);
			return self();
		}

		/** Notified before every retry. */
		public B retryListener(@Nullable RetryListener retryListener) {
			this.client.retryListener(retryListener);
			return self();
		}

		/**
		 * Where each call is observed as {@code gen_ai.client.operation}; default
		 * {@link ObservationRegistry#NOOP}.
		 */
		public B observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return self();
		}

		/** Names and tags the call observations; default the Spring AI style ones. */
		public B observationConvention(@Nullable RerankModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return self();
		}

		/**
		 * Where requests run ({@link RemoteRerankClient.Builder#executor(Executor)});
		 * unset, a pool of the client's own, shut down by
		 * {@link RemoteRerankModel#close()}.
		 */
		public B executor(@Nullable Executor executor) {
			this.client.executor(executor);
			return self();
		}

		protected RemoteRerankClient buildClient(String provider) {
			return this.client.provider(provider).build();
		}

		protected RerankOptions defaultOptions() {
			return RerankOptions.builder().model(this.model).build();
		}

	}

}

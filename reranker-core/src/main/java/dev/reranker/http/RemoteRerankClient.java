package dev.reranker.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryListener;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Sends JSON requests to one remote rerank service, each rerank call within
 * {@link RemoteCallSettings#deadline()} and with retries ({@link RemoteCall}).
 * <p>
 * The service may have several base URLs (replicas): requests go round-robin, and an
 * endpoint that refuses connections or answers 5xx is skipped for
 * {@link Builder#endpointCoolDown(Duration) a cool-down} while the others serve
 * ({@link EndpointPool}).
 * <p>
 * The requests of a call run on an {@link Executor}: the one given to
 * {@link Builder#executor(Executor)}, which stays the caller's to shut down, or else a
 * bounded pool of daemon threads owned by this client (64 threads, 1024 queued requests),
 * shut down by {@link #close()}. The calling thread waits no longer than the deadline,
 * then interrupts what is still running; the caller's observation scope and other context
 * are carried over to the executor's threads.
 * <p>
 * The API key goes into the {@code Authorization} header of the underlying
 * {@link RestClient} only; it is redacted from error excerpts and never part of
 * {@link #toString()}.
 */
public final class RemoteRerankClient implements AutoCloseable {

	private final String provider;

	private final EndpointPool endpoints;

	private final RemoteCallSettings settings;

	private final boolean hasApiKey;

	private final @Nullable RetryListener retryListener;

	private final RemoteFailures failures;

	private final RemoteExchange exchange;

	private final DeadlineExecutor executor;

	private RemoteRerankClient(Builder builder) {
		Assert.hasText(builder.provider, "provider must not be empty (RemoteRerankClient.Builder#provider)");
		Assert.notNull(builder.restClientBuilder,
				"restClientBuilder must not be null (RemoteRerankModel.Builder#restClientBuilder)");
		Assert.notNull(builder.settings, "settings must not be null (RemoteRerankModel.Builder#settings)");
		this.provider = builder.provider;
		this.settings = builder.settings;
		String apiKey = StringUtils.hasText(builder.apiKey) ? builder.apiKey : null;
		this.hasApiKey = apiKey != null;
		this.retryListener = builder.retryListener;
		RestClient.Builder restClientBuilder = builder.restClientBuilder;
		this.endpoints = new EndpointPool(this.provider, builder.baseUrls, builder.endpointCoolDown,
				url -> restClientBuilder.clone().baseUrl(url).defaultHeaders(headers -> {
					if (apiKey != null) {
						headers.setBearerAuth(apiKey);
					}
				}).build(), System::nanoTime);
		this.failures = new RemoteFailures(this.provider, this.endpoints.description(), apiKey);
		this.exchange = new RemoteExchange(this.failures);
		this.executor = (builder.executor != null) ? DeadlineExecutor.using(builder.executor)
				: DeadlineExecutor.ownPool(this.provider);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Runs one rerank call made of a single task within the deadline.
	 * @param <R> the result type
	 * @param work the call; it sends its requests through the given {@link RemoteCall}
	 * @return what {@code work} returned
	 * @throws RemoteRerankException when the deadline passes, or whatever {@code work}
	 * threw
	 */
	public <R> R execute(Function<RemoteCall, R> work) {
		return executeAll(List.of(work)).get(0);
	}

	/**
	 * Runs one rerank call made of several tasks (typically one request per batch) at the
	 * same time, all within one deadline. The first failure cancels the others and is
	 * thrown.
	 * @param <R> the result type
	 * @param tasks the tasks; each sends its requests through the given
	 * {@link RemoteCall}
	 * @return the results, {@code results.get(i)} from {@code tasks.get(i)}
	 * @throws RemoteRerankException when the deadline passes, the executor rejects a
	 * task, or whatever a task threw
	 */
	public <R> List<R> executeAll(List<? extends Function<RemoteCall, R>> tasks) {
		long deadlineNanos = System.nanoTime() + this.settings.deadline().toNanos();
		RemoteCall call = new RemoteCall(this.provider, this.endpoints, this.exchange, this.failures, this.settings,
				this.retryListener, deadlineNanos);
		List<Callable<R>> callables = tasks.stream().<Callable<R>>map(task -> () -> task.apply(call)).toList();
		try {
			return this.executor.invokeAll(callables, deadlineNanos);
		}
		catch (TimeoutException ex) {
			throw this.failures.deadlinePassed(this.settings.deadline(), call);
		}
		catch (RejectedExecutionException ex) {
			throw this.failures.rejected(ex, this.executor.description());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw this.failures.interrupted(ex);
		}
		catch (ExecutionException ex) {
			throw this.failures.unexpected((ex.getCause() != null) ? ex.getCause() : ex);
		}
	}

	/**
	 * A permanent (not retried) failure for an answer that parsed but does not make
	 * sense.
	 * @param problem what is wrong with the answer
	 * @return the exception to throw
	 */
	public RemoteRerankException malformed(String problem) {
		return this.failures.malformed(problem);
	}

	public String getProvider() {
		return this.provider;
	}

	/**
	 * The first base URL, the only one unless several were given.
	 * @return the base URL without a trailing slash
	 */
	public String getBaseUrl() {
		return this.endpoints.baseUrls().get(0);
	}

	/**
	 * The base URLs requests are spread over, in the order given.
	 * @return the base URLs without trailing slashes
	 */
	public List<String> getBaseUrls() {
		return this.endpoints.baseUrls();
	}

	/**
	 * How long an endpoint that failed is skipped.
	 * @return the cool-down
	 */
	public Duration getEndpointCoolDown() {
		return this.endpoints.coolDown();
	}

	EndpointPool endpoints() {
		return this.endpoints;
	}

	public RemoteCallSettings getSettings() {
		return this.settings;
	}

	/**
	 * Shuts down the client's own executor, interrupting requests in flight; a
	 * caller-supplied executor is left alone. Calls made afterwards fail.
	 */
	@Override
	public void close() {
		this.executor.close();
	}

	@Override
	public String toString() {
		return "RemoteRerankClient{provider=" + this.provider + ", baseUrls=" + this.endpoints.baseUrls() + ", apiKey="
				+ (this.hasApiKey ? "(set)" : "(none)") + ", settings=" + this.settings + ", executor="
				+ (this.executor.ownsExecutor() ? "(default)" : "(supplied)") + "}";
	}

	/** Builder for {@link RemoteRerankClient}. */
	public static final class Builder {

		private @Nullable String provider;

		private List<String> baseUrls = List.of();

		private Duration endpointCoolDown = EndpointPool.DEFAULT_COOL_DOWN;

		private @Nullable String apiKey;

		private RestClient.Builder restClientBuilder = RestClient.builder();

		private RemoteCallSettings settings = RemoteCallSettings.defaults();

		private @Nullable RetryListener retryListener;

		private @Nullable Executor executor;

		private Builder() {
		}

		/** The provider name used in errors and observations. Required. */
		public Builder provider(String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * The service's base URL, e.g. {@code https://api.cohere.com}. This or
		 * {@link #baseUrls(List)} is required.
		 */
		public Builder baseUrl(String baseUrl) {
			Assert.notNull(baseUrl, "baseUrl must not be null (RemoteRerankModel.Builder#baseUrl)");
			return baseUrls(List.of(baseUrl));
		}

		/**
		 * The base URLs of several equivalent servers (replicas of one model), to spread
		 * requests over round-robin; replaces what {@link #baseUrl(String)} set.
		 */
		public Builder baseUrls(List<String> baseUrls) {
			Assert.notNull(baseUrls, "baseUrls must not be null (RemoteRerankModel.Builder#baseUrls)");
			Assert.noNullElements(baseUrls, "baseUrls must not contain null (RemoteRerankModel.Builder#baseUrls)");
			this.baseUrls = List.copyOf(baseUrls);
			return this;
		}

		/**
		 * How long an endpoint that refused a connection or answered 5xx is skipped while
		 * the others serve; default 30 s. Zero only moves the retry to the next endpoint.
		 */
		public Builder endpointCoolDown(Duration endpointCoolDown) {
			this.endpointCoolDown = endpointCoolDown;
			return this;
		}

		/** The API key, sent as a Bearer token; {@code null} or blank sends none. */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * The builder to derive the client from (cloned, not changed); in a Boot
		 * application the auto-configured one, which carries the HTTP client, its
		 * timeouts and observations.
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/** Deadline and retry settings; default {@link RemoteCallSettings#defaults()}. */
		public Builder settings(RemoteCallSettings settings) {
			this.settings = settings;
			return this;
		}

		/** Notified before every retry, e.g. to count retries in a metric. */
		public Builder retryListener(@Nullable RetryListener retryListener) {
			this.retryListener = retryListener;
			return this;
		}

		/**
		 * Where requests run, e.g. a Spring {@code TaskExecutor} or an
		 * {@code ExecutorService}; it must run tasks on other threads (so that the
		 * calling thread can enforce the deadline) and remains the caller's to shut down.
		 * {@code null} (the default) gives the client a bounded pool of its own, shut
		 * down by {@link RemoteRerankClient#close()}.
		 */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		public RemoteRerankClient build() {
			return new RemoteRerankClient(this);
		}

	}

}

package dev.reranker.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * Sends JSON requests to one remote rerank service under a per-call deadline, retrying
 * what is worth retrying.
 * <p>
 * {@link #execute(Function)} runs a whole rerank call (all its batches) and returns or
 * fails within {@link RemoteCallSettings#deadline()}: the work runs on a pooled daemon
 * thread that is interrupted when the deadline passes (which aborts the HTTP exchange on
 * clients that honour interrupts, such as the JDK client Spring Boot picks by default).
 * The caller's observation scope and other context are carried over to that thread.
 * <p>
 * Each {@link RemoteCall#post request} is retried through Spring Framework's
 * {@link RetryTemplate} on connection errors and HTTP 429, 502, 503 and 504, with
 * exponential back-off and jitter; a {@code Retry-After} header replaces the computed
 * pause, and a pause that would not fit in the remaining deadline ends the retries at
 * once. Other 4xx/5xx answers and malformed bodies fail immediately.
 * <p>
 * The API key goes into the {@code Authorization} header of the underlying
 * {@link RestClient} only; it is redacted from error excerpts and never part of
 * {@link #toString()}.
 */
public final class RemoteRerankClient {

	private static final Logger logger = LoggerFactory.getLogger(RemoteRerankClient.class);

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

	private static final int ERROR_EXCERPT_LENGTH = 200;

	private static final ContextSnapshotFactory CONTEXT_SNAPSHOTS = ContextSnapshotFactory.builder().build();

	/** Idle threads end after a minute, so there is nothing to shut down. */
	private static final ExecutorService CALLS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
			new SynchronousQueue<>(), new DaemonThreadFactory());

	private final String provider;

	private final String baseUrl;

	private final RestClient restClient;

	private final RemoteCallSettings settings;

	private final @Nullable String apiKey;

	private final @Nullable RetryListener retryListener;

	private RemoteRerankClient(Builder builder) {
		Assert.hasText(builder.provider, "provider must not be empty");
		Assert.hasText(builder.baseUrl, "baseUrl must not be empty");
		Assert.notNull(builder.restClientBuilder, "restClientBuilder must not be null");
		Assert.notNull(builder.settings, "settings must not be null");
		this.provider = builder.provider;
		this.baseUrl = stripTrailingSlash(builder.baseUrl);
		this.settings = builder.settings;
		this.apiKey = StringUtils.hasText(builder.apiKey) ? builder.apiKey : null;
		this.retryListener = builder.retryListener;
		String key = this.apiKey;
		this.restClient = builder.restClientBuilder.clone().baseUrl(this.baseUrl).defaultHeaders(headers -> {
			if (key != null) {
				headers.setBearerAuth(key);
			}
		}).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Runs one rerank call, all its requests included, within the deadline.
	 * @param <R> the result type
	 * @param work the call; it sends its requests through the given {@link RemoteCall}
	 * @return what {@code work} returned
	 * @throws RemoteRerankException when the deadline passes, or whatever {@code work}
	 * threw
	 */
	public <R> R execute(Function<RemoteCall, R> work) {
		long deadlineNanos = System.nanoTime() + this.settings.deadline().toNanos();
		RemoteCall call = new RemoteCall(deadlineNanos);
		Callable<R> task = CONTEXT_SNAPSHOTS.captureAll().wrap(() -> work.apply(call));
		Future<R> future = CALLS.submit(task);
		try {
			return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			// Describe the call before interrupting it: the interrupt itself becomes a
			// failure.
			RemoteRerankException timeout = new RemoteRerankException(
					this.provider, "no answer from " + this.baseUrl + " within the deadline of "
							+ format(this.settings.deadline()) + call.retrySummary(),
					call.lastFailure, null, false, null);
			future.cancel(true);
			throw timeout;
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new RemoteRerankException(this.provider, "interrupted while waiting for " + this.baseUrl, ex, null,
					false, null);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new RemoteRerankException(this.provider, String.valueOf(cause), cause, null, false, null);
		}
	}

	public String getProvider() {
		return this.provider;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public RemoteCallSettings getSettings() {
		return this.settings;
	}

	@Override
	public String toString() {
		return "RemoteRerankClient{provider=" + this.provider + ", baseUrl=" + this.baseUrl + ", apiKey="
				+ (this.apiKey != null ? "(set)" : "(none)") + ", settings=" + this.settings + "}";
	}

	private <T> T attempt(String path, Object body, Class<T> responseType) {
		try {
			return this.restClient.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, response) -> read(path, response, responseType));
		}
		catch (ResourceAccessException ex) {
			throw new RemoteRerankException(this.provider,
					"I/O error calling POST " + this.baseUrl + path + ": " + redact(rootMessage(ex)), ex, null, true,
					null);
		}
		catch (RestClientException ex) {
			throw new RemoteRerankException(this.provider,
					"request to POST " + this.baseUrl + path + " failed: " + redact(rootMessage(ex)), ex, null, false,
					null);
		}
	}

	private <T> T read(String path, ConvertibleClientHttpResponse response, Class<T> responseType) throws IOException {
		int status = response.getStatusCode().value();
		if (response.getStatusCode().is2xxSuccessful()) {
			T value;
			try {
				value = response.bodyTo(responseType);
			}
			catch (RuntimeException ex) {
				throw new RemoteRerankException(this.provider, "malformed response from POST " + this.baseUrl + path
						+ " (HTTP " + status + "): " + redact(rootMessage(ex)), ex, null, false, null);
			}
			if (value == null) {
				throw RemoteRerankException.permanent(this.provider,
						"empty response body from POST " + this.baseUrl + path + " (HTTP " + status + ")");
			}
			return value;
		}
		boolean retryable = RETRYABLE_STATUSES.contains(status);
		Duration retryAfter = retryable ? retryAfter(response.getHeaders()) : null;
		String advice = switch (status) {
			case 401, 403 -> " (check the API key)";
			case 404 -> " (check the base URL)";
			default -> "";
		};
		throw new RemoteRerankException(this.provider,
				"HTTP " + status + " from POST " + this.baseUrl + path + advice + ": " + excerpt(response), null,
				status, retryable, retryAfter);
	}

	private String excerpt(ClientHttpResponse response) {
		try (InputStream body = response.getBody()) {
			byte[] bytes = body.readNBytes(ERROR_EXCERPT_LENGTH);
			String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
			return text.isEmpty() ? "(empty body)" : redact(text);
		}
		catch (IOException | RuntimeException ex) {
			return "(body unreadable)";
		}
	}

	private String redact(String text) {
		return (this.apiKey != null) ? text.replace(this.apiKey, "[REDACTED]") : text;
	}

	static @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (!StringUtils.hasText(value)) {
			return null;
		}
		value = value.strip();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException ex) {
			// not delta-seconds, try an HTTP date
		}
		try {
			Duration until = Duration.between(ZonedDateTime.now(),
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + (message != null ? ": " + message.replaceAll("\\s+", " ") : "");
	}

	private static String format(Duration duration) {
		return duration.toMillis() + " ms";
	}

	private static String stripTrailingSlash(String url) {
		String trimmed = url.strip();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/**
	 * One deadline-bound rerank call; hands out its remaining time to the requests it
	 * sends.
	 */
	public final class RemoteCall {

		private final long deadlineNanos;

		private final AtomicInteger retries = new AtomicInteger();

		private volatile @Nullable Throwable lastFailure;

		private RemoteCall(long deadlineNanos) {
			this.deadlineNanos = deadlineNanos;
		}

		/**
		 * POSTs {@code body} as JSON to {@code path} (relative to the base URL) and reads
		 * the answer as {@code responseType}, retrying within the call's deadline.
		 * @param <T> the response type
		 * @param path the path, e.g. {@code /v2/rerank}
		 * @param body the request body
		 * @param responseType the type to read the JSON answer as
		 * @return the answer
		 * @throws RemoteRerankException when the request failed for good
		 */
		public <T> T post(String path, Object body, Class<T> responseType) {
			long remaining = this.deadlineNanos - System.nanoTime();
			if (remaining <= 0) {
				throw new RemoteRerankException(
						RemoteRerankClient.this.provider, "the deadline of "
								+ format(RemoteRerankClient.this.settings.deadline()) + " passed before POST " + path,
						null, null, false, null);
			}
			RetryAfterBackOff backOff = new RetryAfterBackOff(RemoteRerankClient.this.settings);
			RetryPolicy policy = RetryPolicy.builder()
				.backOff(backOff)
				.timeout(Duration.ofNanos(remaining))
				.predicate(ex -> ex instanceof RemoteRerankException remote && remote.isRetryable())
				.build();
			RetryTemplate template = new RetryTemplate(policy);
			template.setRetryListener(new CountingListener());
			Retryable<T> retryable = new Retryable<>() {
				@Override
				public T execute() {
					try {
						return attempt(path, body, responseType);
					}
					catch (RemoteRerankException ex) {
						RemoteCall.this.lastFailure = ex;
						backOff.requestPause(ex.getRetryAfter());
						throw ex;
					}
				}

				@Override
				public String getName() {
					return RemoteRerankClient.this.provider + " POST " + path;
				}
			};
			try {
				return template.execute(retryable);
			}
			catch (RetryException ex) {
				Throwable last = ex.getLastException();
				if (last instanceof RemoteRerankException remote && ex.getRetryCount() == 0 && !remote.isRetryable()) {
					throw remote;
				}
				String reason = (ex.getRetryCount() > 0) ? "gave up after " + ex.getRetryCount() + " retries"
						: "gave up without retrying";
				if (ex.getMessage() != null && ex.getMessage().contains("timeout")) {
					reason += " (the next attempt would not fit in the deadline of "
							+ format(RemoteRerankClient.this.settings.deadline()) + ")";
				}
				String lastMessage = (last instanceof RemoteRerankException remote) ? remote.getDetail()
						: String.valueOf(last);
				Integer status = (last instanceof RemoteRerankException remote) ? remote.getStatusCode() : null;
				throw new RemoteRerankException(RemoteRerankClient.this.provider,
						reason + "; last error: " + lastMessage, last, status, false, null);
			}
		}

		/**
		 * Runs tasks (typically one request per batch) at the same time, each on its own
		 * pooled thread with the caller's context, and returns their results in task
		 * order. The first failure cancels the others and is thrown; so is an interrupt
		 * (the deadline passing), which cancels them all.
		 * @param <T> the result type
		 * @param tasks the tasks
		 * @return the results, {@code results.get(i)} from {@code tasks.get(i)}
		 */
		public <T> List<T> inParallel(List<Supplier<T>> tasks) {
			if (tasks.size() == 1) {
				return List.of(tasks.get(0).get());
			}
			ContextSnapshot snapshot = CONTEXT_SNAPSHOTS.captureAll();
			CompletionService<Integer> completion = new ExecutorCompletionService<>(CALLS);
			List<Future<Integer>> futures = new ArrayList<>(tasks.size());
			List<T> results = new ArrayList<>(Collections.nCopies(tasks.size(), null));
			try {
				for (int i = 0; i < tasks.size(); i++) {
					int index = i;
					futures.add(completion.submit(snapshot.wrap(() -> {
						results.set(index, tasks.get(index).get());
						return index;
					})));
				}
				for (int done = 0; done < tasks.size(); done++) {
					completion.take().get();
				}
				return results;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RemoteRerankException(RemoteRerankClient.this.provider, "interrupted", ex, null, false, null);
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof RuntimeException runtimeException) {
					throw runtimeException;
				}
				throw new RemoteRerankException(RemoteRerankClient.this.provider, String.valueOf(cause), cause, null,
						false, null);
			}
			finally {
				futures.forEach(future -> future.cancel(true));
			}
		}

		/**
		 * The time left before the deadline.
		 * @return the remaining time, zero when passed
		 */
		public Duration remaining() {
			return Duration.ofNanos(Math.max(0, this.deadlineNanos - System.nanoTime()));
		}

		/**
		 * How many retries this call made so far.
		 * @return the retry count
		 */
		public int retries() {
			return this.retries.get();
		}

		private String retrySummary() {
			int count = this.retries.get();
			Throwable last = this.lastFailure;
			String summary = (count > 0) ? " (" + count + " retries)" : "";
			if (last instanceof RemoteRerankException remote) {
				summary += "; last error: " + remote.getDetail();
			}
			return summary;
		}

		private final class CountingListener implements RetryListener {

			@Override
			public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
				RemoteCall.this.retries.incrementAndGet();
				if (logger.isDebugEnabled()) {
					logger.debug("Retrying {} (retry {}) after: {}", retryable.getName(), retryState.getRetryCount(),
							retryState.getLastException().getMessage());
				}
				RetryListener delegate = RemoteRerankClient.this.retryListener;
				if (delegate != null) {
					delegate.beforeRetry(retryPolicy, retryable, retryState);
				}
			}

		}

	}

	/** Builder for {@link RemoteRerankClient}. */
	public static final class Builder {

		private @Nullable String provider;

		private @Nullable String baseUrl;

		private @Nullable String apiKey;

		private RestClient.Builder restClientBuilder = RestClient.builder();

		private RemoteCallSettings settings = RemoteCallSettings.defaults();

		private @Nullable RetryListener retryListener;

		private Builder() {
		}

		/** The provider name used in errors and observations. Required. */
		public Builder provider(String provider) {
			this.provider = provider;
			return this;
		}

		/** The service's base URL, e.g. {@code https://api.cohere.com}. Required. */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
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

		public RemoteRerankClient build() {
			return new RemoteRerankClient(this);
		}

	}

	private static final class DaemonThreadFactory implements java.util.concurrent.ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "reranker-remote-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}

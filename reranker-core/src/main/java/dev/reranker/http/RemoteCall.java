package dev.reranker.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * One deadline-bound rerank call, handed to each of its tasks by
 * {@link RemoteRerankClient#executeAll}: sends requests with retries that fit in the time
 * left, and counts the retries of all of them.
 * <p>
 * Each request is retried through Spring Framework's {@link RetryTemplate} on connection
 * errors and HTTP 429, 502, 503 and 504, with exponential back-off and jitter; a
 * {@code Retry-After} header replaces the computed pause, and a pause that would not fit
 * in the remaining time ends the retries at once. Other failures end the request at once.
 * Each attempt goes to the endpoint the {@link EndpointPool} picks, a retry to another
 * one than the attempt before when there is one.
 */
public final class RemoteCall {

	private static final Logger logger = LoggerFactory.getLogger(RemoteCall.class);

	private final String provider;

	private final EndpointPool endpoints;

	private final RemoteExchange exchange;

	private final RemoteFailures failures;

	private final RemoteCallSettings settings;

	private final @Nullable RetryListener retryListener;

	private final long deadlineNanos;

	private final AtomicInteger retries = new AtomicInteger();

	private volatile @Nullable Throwable lastFailure;

	RemoteCall(String provider, EndpointPool endpoints, RemoteExchange exchange, RemoteFailures failures,
			RemoteCallSettings settings, @Nullable RetryListener retryListener, long deadlineNanos) {
		this.provider = provider;
		this.endpoints = endpoints;
		this.exchange = exchange;
		this.failures = failures;
		this.settings = settings;
		this.retryListener = retryListener;
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * POSTs {@code body} as JSON to {@code path} (relative to the base URL of the
	 * endpoint picked) and reads the answer as {@code responseType}, retrying within the
	 * call's deadline.
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
			throw this.failures.deadlinePassedBefore(this.settings.deadline(), path);
		}
		RetryAfterBackOff backOff = new RetryAfterBackOff(this.settings);
		RetryPolicy policy = RetryPolicy.builder()
			.backOff(backOff)
			.timeout(Duration.ofNanos(remaining))
			.predicate(ex -> ex instanceof RemoteRerankException remote && remote.isRetryable())
			.build();
		RetryTemplate template = new RetryTemplate(policy);
		template.setRetryListener(new CountingListener());
		try {
			return template.execute(new Retryable<>() {
				private EndpointPool.@Nullable Endpoint previous;

				@Override
				public T execute() {
					EndpointPool.Endpoint endpoint = RemoteCall.this.endpoints.pick(this.previous);
					this.previous = endpoint;
					try {
						return RemoteCall.this.exchange.post(endpoint, path, body, responseType);
					}
					catch (RemoteRerankException ex) {
						RemoteCall.this.lastFailure = ex;
						backOff.requestPause(ex.getRetryAfter());
						throw ex;
					}
				}

				@Override
				public String getName() {
					return RemoteCall.this.provider + " POST " + path;
				}
			});
		}
		catch (RetryException ex) {
			if (ex.getLastException() instanceof RemoteRerankException remote && ex.getRetryCount() == 0
					&& !remote.isRetryable()) {
				throw remote;
			}
			throw this.failures.gaveUp(ex, this.settings.deadline());
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
	 * How many retries this call made so far, over all its requests.
	 * @return the retry count
	 */
	public int retries() {
		return this.retries.get();
	}

	@Nullable Throwable lastFailure() {
		return this.lastFailure;
	}

	String retrySummary() {
		int count = this.retries.get();
		String summary = (count > 0) ? " (" + count + " retries)" : "";
		if (this.lastFailure instanceof RemoteRerankException remote) {
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
			RetryListener delegate = RemoteCall.this.retryListener;
			if (delegate != null) {
				delegate.beforeRetry(retryPolicy, retryable, retryState);
			}
		}

	}

}

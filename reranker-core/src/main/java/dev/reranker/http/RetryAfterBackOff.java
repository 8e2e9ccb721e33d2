package dev.reranker.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Spring's {@link ExponentialBackOff} (factor 2, jitter of half the initial pause),
 * except that a pause the server asked for with {@code Retry-After} replaces the computed
 * one. One instance serves one request and its retries.
 */
final class RetryAfterBackOff implements BackOff {

	private final ExponentialBackOff exponential;

	private final AtomicReference<@Nullable Duration> requested = new AtomicReference<>();

	RetryAfterBackOff(RemoteCallSettings settings) {
		this.exponential = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
		this.exponential.setMaxInterval(settings.maxBackoff().toMillis());
		this.exponential.setJitter(settings.initialBackoff().toMillis() / 2);
		this.exponential.setMaxAttempts(settings.maxRetries());
	}

	/**
	 * Records the pause the last failed attempt asked for, or clears it.
	 * @param pause the {@code Retry-After} pause, or {@code null}
	 */
	void requestPause(@Nullable Duration pause) {
		this.requested.set(pause);
	}

	@Override
	public BackOffExecution start() {
		BackOffExecution execution = this.exponential.start();
		return () -> {
			long computed = execution.nextBackOff();
			Duration pause = this.requested.getAndSet(null);
			if (computed == BackOffExecution.STOP || pause == null) {
				return computed;
			}
			return pause.toMillis();
		};
	}

}

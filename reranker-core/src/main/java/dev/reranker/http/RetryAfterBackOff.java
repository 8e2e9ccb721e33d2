package dev.reranker.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
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

	/**
	 * Reads a {@code Retry-After} header, in delta-seconds or as an HTTP date.
	 * @param headers the response headers
	 * @return the pause asked for, or {@code null} when there is none or it is unreadable
	 */
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

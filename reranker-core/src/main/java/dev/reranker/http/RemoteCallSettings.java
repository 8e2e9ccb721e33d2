package dev.reranker.http;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a remote rerank call is bounded and retried.
 *
 * @param deadline the time one rerank call may take in total, retries, back-off pauses
 * and batches included; when it passes the call fails
 * @param maxRetries how many times a failed request is retried at most (0 disables
 * retries); only connection errors and HTTP 429, 502, 503 and 504 are retried
 * @param initialBackoff the pause before the first retry; later pauses grow exponentially
 * (factor 2) with random jitter of half the pause
 * @param maxBackoff the longest pause between two attempts (a {@code Retry-After} sent by
 * the server may ask for longer; it is honoured when it fits in the deadline)
 */
public record RemoteCallSettings(Duration deadline, int maxRetries, Duration initialBackoff, Duration maxBackoff) {

	/** Default deadline of one rerank call. */
	public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

	/** Default number of retries. */
	public static final int DEFAULT_MAX_RETRIES = 3;

	/** Default pause before the first retry. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);

	/** Default longest pause between retries. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

	public RemoteCallSettings {
		Assert.notNull(deadline, "deadline must not be null");
		Assert.isTrue(!deadline.isNegative() && !deadline.isZero(),
				() -> "deadline must be positive but was " + deadline);
		Assert.isTrue(maxRetries >= 0, () -> "maxRetries must be >= 0 but was " + maxRetries);
		Assert.notNull(initialBackoff, "initialBackoff must not be null");
		Assert.isTrue(!initialBackoff.isNegative(),
				() -> "initialBackoff must not be negative but was " + initialBackoff);
		Assert.notNull(maxBackoff, "maxBackoff must not be null");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, () -> "maxBackoff (" + maxBackoff
				+ ") must not be shorter than initialBackoff (" + initialBackoff + ")");
	}

	/**
	 * The defaults: a 10 s deadline, 3 retries, back-off from 100 ms up to 2 s.
	 * @return the default settings
	 */
	public static RemoteCallSettings defaults() {
		return new RemoteCallSettings(DEFAULT_DEADLINE, DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF,
				DEFAULT_MAX_BACKOFF);
	}

	/**
	 * A copy with another deadline.
	 * @param deadline the new deadline
	 * @return the new settings
	 */
	public RemoteCallSettings withDeadline(Duration deadline) {
		return new RemoteCallSettings(deadline, this.maxRetries, this.initialBackoff, this.maxBackoff);
	}

}

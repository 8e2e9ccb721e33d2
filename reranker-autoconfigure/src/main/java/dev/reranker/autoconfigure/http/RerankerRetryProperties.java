package dev.reranker.autoconfigure.http;

import java.time.Duration;

import dev.reranker.http.RemoteCallSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Retries of remote rerank providers, under {@code reranker.retry.*}. Only connection
 * errors and HTTP 429, 502, 503 and 504 are retried, within
 * {@code reranker.call-deadline}.
 */
@ConfigurationProperties(prefix = "reranker.retry")
public class RerankerRetryProperties implements Validator {

	/**
	 * Maximum number of retries of one request. 0 disables retries.
	 */
	private int maxRetries = RemoteCallSettings.DEFAULT_MAX_RETRIES;

	/**
	 * Pause before the first retry; later pauses double, with random jitter. A
	 * Retry-After header sent by the server replaces the pause when it fits in
	 * reranker.call-deadline.
	 */
	private Duration initialBackoff = RemoteCallSettings.DEFAULT_INITIAL_BACKOFF;

	/**
	 * Longest pause between two retries.
	 */
	private Duration maxBackoff = RemoteCallSettings.DEFAULT_MAX_BACKOFF;

	public int getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(int maxRetries) {
		this.maxRetries = maxRetries;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	/**
	 * The immutable settings these properties describe.
	 * @param deadline the per-call deadline ({@code reranker.call-deadline})
	 * @return the settings
	 */
	public RemoteCallSettings toSettings(Duration deadline) {
		return new RemoteCallSettings(deadline, this.maxRetries, this.initialBackoff, this.maxBackoff);
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerRetryProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerRetryProperties properties = (RerankerRetryProperties) target;
		if (properties.getMaxRetries() < 0) {
			errors.rejectValue("maxRetries", "reranker.retry.max-retries.range",
					"reranker.retry.max-retries must be at least 0");
		}
		if (properties.getInitialBackoff() == null || properties.getInitialBackoff().isNegative()) {
			errors.rejectValue("initialBackoff", "reranker.retry.initial-backoff.range",
					"reranker.retry.initial-backoff must not be negative");
		}
		else if (properties.getMaxBackoff() == null
				|| properties.getMaxBackoff().compareTo(properties.getInitialBackoff()) < 0) {
			errors.rejectValue("maxBackoff", "reranker.retry.max-backoff.range",
					"reranker.retry.max-backoff must not be shorter than reranker.retry.initial-backoff");
		}
	}

}

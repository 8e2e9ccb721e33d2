package dev.reranker.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankException;

/**
 * A remote rerank service failed or answered something unusable. Carries the HTTP status
 * (when there was a response) and whether the failure is worth retrying. The message
 * never contains the API key.
 */
public class RemoteRerankException extends RerankException {

	private final String detail;

	private final @Nullable Integer statusCode;

	private final boolean retryable;

	private final transient @Nullable Duration retryAfter;

	public RemoteRerankException(String provider, String message, @Nullable Throwable cause,
			@Nullable Integer statusCode, boolean retryable, @Nullable Duration retryAfter) {
		super(provider, message, cause);
		this.detail = message;
		this.statusCode = statusCode;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * A failure that retrying will not fix: a malformed answer or a client error.
	 * @param provider the provider name
	 * @param message what was wrong
	 * @return the exception
	 */
	public static RemoteRerankException permanent(String provider, String message) {
		return new RemoteRerankException(provider, message, null, null, false, null);
	}

	/**
	 * What went wrong, without the provider prefix of {@link #getMessage()}.
	 * @return the detail message
	 */
	public String getDetail() {
		return this.detail;
	}

	/**
	 * The HTTP status of the failed response, or {@code null} when there was no response
	 * (connection error, deadline) or the response was malformed.
	 * @return the status code
	 */
	public @Nullable Integer getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Whether the request may succeed when sent again (connection errors, HTTP 429, 502,
	 * 503 and 504).
	 * @return whether to retry
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	/**
	 * The pause the server asked for with {@code Retry-After}, if any.
	 * @return the pause or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}

package dev.reranker.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.retry.RetryException;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * Turns what can go wrong with one remote provider (an HTTP status, an I/O error, a
 * malformed body, the deadline, a saturated executor) into a
 * {@link RemoteRerankException} that says which provider, which endpoint, what happened
 * and what to change. Every text taken from the outside (error bodies, exception
 * messages) passes through {@link #redact(String)}, and every exception chained as a
 * cause through {@link SecretRedactor#chainable(Throwable)}, so the API key never ends up
 * in a message, a cause or a logged stack trace.
 */
final class RemoteFailures {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

	private static final int ERROR_EXCERPT_LENGTH = 200;

	private final String provider;

	private final String where;

	private final SecretRedactor redactor;

	/**
	 * @param provider the provider name
	 * @param where where requests go, for messages about the whole call: the base URL or
	 * the list of them ({@link EndpointPool#description()})
	 * @param apiKey the API key to keep out of messages, or {@code null}
	 */
	RemoteFailures(String provider, String where, @Nullable String apiKey) {
		this.provider = provider;
		this.where = where;
		this.redactor = new SecretRedactor(apiKey);
	}

	static boolean isRetryable(int status) {
		return RETRYABLE_STATUSES.contains(status);
	}

	/** A non-2xx answer; retryable for 429, 502, 503 and 504. */
	RemoteRerankException status(String target, int status, ClientHttpResponse response,
			@Nullable Duration retryAfter) {
		return new RemoteRerankException(this.provider,
				"HTTP " + status + " from POST " + target + advice(status) + ": " + excerpt(response), null, status,
				isRetryable(status), retryAfter);
	}

	/** No answer at all (connection refused or reset, read timeout); retryable. */
	RemoteRerankException io(String target, ResourceAccessException ex) {
		return new RemoteRerankException(this.provider, "I/O error calling POST " + target + ": " + describe(ex),
				chainable(ex), null, true, null);
	}

	/** The request could not be sent or its answer not read. */
	RemoteRerankException request(String target, RestClientException ex) {
		return new RemoteRerankException(this.provider, "request to POST " + target + " failed: " + describe(ex),
				chainable(ex), null, false, null);
	}

	/** A 2xx answer whose body is not what the provider's API promises. */
	RemoteRerankException malformedBody(String target, int status, RuntimeException ex) {
		return new RemoteRerankException(this.provider,
				"malformed response from POST " + target + " (HTTP " + status + "): " + describe(ex), chainable(ex),
				null, false, null);
	}

	/** A 2xx answer without a body. */
	RemoteRerankException emptyBody(String target, int status) {
		return RemoteRerankException.permanent(this.provider,
				"empty response body from POST " + target + " (HTTP " + status + ")");
	}

	/** A 2xx answer that parsed but does not make sense. */
	RemoteRerankException malformed(String problem) {
		return RemoteRerankException.permanent(this.provider, "malformed response from " + this.where + ": " + problem);
	}

	/** The whole call did not finish within its deadline. */
	RemoteRerankException deadlinePassed(Duration deadline, RemoteCall call) {
		return new RemoteRerankException(this.provider,
				"no answer from " + this.where + " within the deadline of " + format(deadline) + call.retrySummary()
						+ "; if the service is just slow, raise RemoteCallSettings#deadline"
						+ " (RemoteRerankModel.Builder#settings)",
				call.lastFailure(), null, false, null);
	}

	/** The deadline passed before a request could be sent. */
	RemoteRerankException deadlinePassedBefore(Duration deadline, String path) {
		return RemoteRerankException.permanent(this.provider, "the deadline of " + format(deadline)
				+ " passed before POST " + path + " could be sent to " + this.where);
	}

	/** A request was retried (or not) and failed for good. */
	RemoteRerankException gaveUp(RetryException ex, Duration deadline) {
		Throwable last = ex.getLastException();
		String reason = (ex.getRetryCount() > 0) ? "gave up after " + ex.getRetryCount() + " retries"
				: "gave up without retrying";
		if (ex.getMessage() != null && ex.getMessage().contains("timeout")) {
			reason += " (the next attempt would not fit in the deadline of " + format(deadline) + ")";
		}
		String lastMessage = (last instanceof RemoteRerankException remote) ? remote.getDetail()
				: redact(String.valueOf(last));
		Integer status = (last instanceof RemoteRerankException remote) ? remote.getStatusCode() : null;
		return new RemoteRerankException(this.provider, reason + "; last error: " + lastMessage,
				(last != null) ? chainable(last) : null, status, false, null);
	}

	/** The executor would not take the call's requests. */
	RemoteRerankException rejected(RejectedExecutionException ex, String executor) {
		return new RemoteRerankException(this.provider,
				"could not send requests to " + this.where + ": " + executor + " rejected them (" + describe(ex)
						+ "); supply an executor sized for the load (RemoteRerankModel.Builder#executor)",
				ex, null, false, null);
	}

	/** The calling thread was interrupted while it waited for the answer. */
	RemoteRerankException interrupted(InterruptedException ex) {
		return new RemoteRerankException(this.provider, "interrupted while waiting for " + this.where, ex, null, false,
				null);
	}

	/** A task failed with a checked exception, which the call's code never throws. */
	RemoteRerankException unexpected(Throwable ex) {
		return new RemoteRerankException(this.provider, "call to " + this.where + " failed: " + describe(ex),
				chainable(ex), null, false, null);
	}

	String redact(String text) {
		return this.redactor.redact(text);
	}

	private Throwable chainable(Throwable ex) {
		return this.redactor.chainable(ex);
	}

	/**
	 * The most specific cause, the part of an exception chain that says what actually
	 * went wrong (e.g. {@code ConnectException: Connection refused}), redacted. A root
	 * cause without a message (the JDK client's {@code ClosedChannelException}) is shown
	 * after the exception it caused.
	 */
	private String describe(Throwable ex) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		Throwable cause = ex.getCause();
		if (root.getMessage() == null && cause != null && cause != root) {
			return summary(cause) + " (" + summary(root) + ")";
		}
		return summary(root);
	}

	private String summary(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName()
				+ ((message != null) ? ": " + redact(message.replaceAll("\\s+", " ").strip()) : "");
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

	private static String advice(int status) {
		return switch (status) {
			case 401, 403 -> " (check the API key, RemoteRerankModel.Builder#apiKey)";
			case 404 -> " (check the base URL, RemoteRerankModel.Builder#baseUrl)";
			case 413 -> " (the request is too large; lower RemoteRerankModel.Builder#maxDocumentsPerRequest)";
			case 429 -> " (rate limited)";
			default -> "";
		};
	}

	static String format(Duration duration) {
		return duration.toMillis() + " ms";
	}

}

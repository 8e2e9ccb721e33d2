package dev.reranker.http;

import org.jspecify.annotations.Nullable;

/**
 * Stands in, in the cause chain of a {@link RemoteRerankException}, for an exception
 * whose message held the API key (a server echoed it into its answer): the original's
 * class name, its message with the key redacted, and its stack trace.
 */
public final class RedactedCause extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String originalType;

	RedactedCause(String originalType, @Nullable String message) {
		super(message);
		this.originalType = originalType;
	}

	/**
	 * The class name of the exception this one stands in for.
	 * @return the fully qualified class name
	 */
	public String getOriginalType() {
		return this.originalType;
	}

	@Override
	public String toString() {
		String message = getLocalizedMessage();
		return getClass().getName() + " (" + this.originalType + ")" + ((message != null) ? ": " + message : "");
	}

}

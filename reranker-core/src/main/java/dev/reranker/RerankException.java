package dev.reranker;

import org.jspecify.annotations.Nullable;

/**
 * A rerank call failed. The message names the provider and what went wrong; it never
 * contains credentials.
 */
public class RerankException extends RuntimeException {

	private final String provider;

	public RerankException(String provider, String message) {
		this(provider, message, null);
	}

	public RerankException(String provider, String message, @Nullable Throwable cause) {
		super("Reranking with provider '" + provider + "' failed: " + message, cause);
		this.provider = provider;
	}

	/**
	 * The provider that failed ({@code cohere}, {@code local}, …).
	 * @return the provider name
	 */
	public String getProvider() {
		return this.provider;
	}

}

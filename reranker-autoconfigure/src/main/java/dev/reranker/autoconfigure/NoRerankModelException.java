package dev.reranker.autoconfigure;

/**
 * Thrown at start-up when reranking is enabled but no {@code RerankModel} bean exists for
 * the configured provider. {@link NoRerankModelFailureAnalyzer} turns it into advice.
 */
public class NoRerankModelException extends RuntimeException {

	private final String provider;

	public NoRerankModelException(String provider) {
		super("No RerankModel bean is available for reranker.provider='" + provider + "'");
		this.provider = provider;
	}

	public String getProvider() {
		return this.provider;
	}

}

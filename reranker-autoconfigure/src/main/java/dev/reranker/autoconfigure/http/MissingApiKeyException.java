package dev.reranker.autoconfigure.http;

/**
 * Thrown at start-up when a remote provider's hosted API is selected but no API key is
 * configured. {@link MissingApiKeyFailureAnalyzer} tells the user where to put one.
 */
public class MissingApiKeyException extends RuntimeException {

	private final String provider;

	private final String property;

	private final String environmentVariable;

	private final String baseUrl;

	public MissingApiKeyException(String provider, String property, String environmentVariable, String baseUrl) {
		super("No API key for reranker.provider='" + provider + "' at " + baseUrl + ": set " + property
				+ " or the environment variable " + environmentVariable);
		this.provider = provider;
		this.property = property;
		this.environmentVariable = environmentVariable;
		this.baseUrl = baseUrl;
	}

	public String getProvider() {
		return this.provider;
	}

	public String getProperty() {
		return this.property;
	}

	public String getEnvironmentVariable() {
		return this.environmentVariable;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

}

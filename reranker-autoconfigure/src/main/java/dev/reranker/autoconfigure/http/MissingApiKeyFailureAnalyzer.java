package dev.reranker.autoconfigure.http;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing API key at start-up: which property or environment variable to set.
 */
class MissingApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingApiKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingApiKeyException cause) {
		String description = "The '" + cause.getProvider() + "' rerank provider calls " + cause.getBaseUrl()
				+ ", which needs an API key, but neither the property " + cause.getProperty()
				+ " nor the environment variable " + cause.getEnvironmentVariable() + " is set.";
		String action = "Set the environment variable " + cause.getEnvironmentVariable() + " or the property "
				+ cause.getProperty() + " to your API key. If you run a compatible server of your own that needs "
				+ "no key, point " + cause.getProperty().replace(".api-key", ".base-url") + " at it instead.";
		return new FailureAnalysis(description, action, cause);
	}

}

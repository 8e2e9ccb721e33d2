package dev.reranker.autoconfigure.actuator;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the rerank providers' API keys ({@code reranker.*.api-key} and the
 * {@code COHERE_API_KEY}, {@code JINA_API_KEY}, {@code VOYAGE_API_KEY} environment
 * variables) in actuator's {@code configprops} and {@code env} endpoints, even when an
 * application shows their values.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class RerankerActuatorAutoConfiguration {

	private static final Set<String> ENVIRONMENT_VARIABLES = Set.of("cohere_api_key", "jina_api_key", "voyage_api_key");

	@Bean
	SanitizingFunction rerankerApiKeySanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifMatches(RerankerActuatorAutoConfiguration::isRerankApiKey);
	}

	static boolean isRerankApiKey(SanitizableData data) {
		String key = data.getLowerCaseKey();
		return (key.startsWith("reranker.") && (key.endsWith(".api-key") || key.endsWith(".apikey")))
				|| ENVIRONMENT_VARIABLES.contains(key.toLowerCase(Locale.ROOT));
	}

}

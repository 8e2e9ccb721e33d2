package dev.reranker.autoconfigure.actuator;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the rerank providers' credentials in actuator's {@code configprops} and
 * {@code env} endpoints, even when an application shows their values: the API keys
 * ({@code reranker.cohere.api-key}, {@code reranker.jina.api-key},
 * {@code reranker.voyage.api-key}, {@code reranker.tei.api-key}), the Hugging Face token
 * ({@code reranker.local.hub-token}) in every form Boot's relaxed binding accepts
 * (environment variables such as {@code RERANKER_COHERE_API_KEY}, system properties,
 * command-line arguments, camelCase), and the variables the providers fall back to
 * ({@code COHERE_API_KEY}, {@code JINA_API_KEY}, {@code VOYAGE_API_KEY},
 * {@code HF_TOKEN}). Values that carry other settings ({@code sun.java.command},
 * {@code JAVA_TOOL_OPTIONS}, {@code SPRING_APPLICATION_JSON}) have the credentials inside
 * masked.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class RerankerActuatorAutoConfiguration {

	@Bean
	SanitizingFunction rerankerApiKeySanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifMatches(RerankerActuatorAutoConfiguration::isRerankSecret);
	}

	@Bean
	SanitizingFunction rerankerEmbeddedSecretsSanitizingFunction() {
		return EmbeddedSecrets::sanitize;
	}

	static boolean isRerankSecret(SanitizableData data) {
		return RerankerSecrets.isSecret(data.getKey());
	}

}

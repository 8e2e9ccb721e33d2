package dev.reranker.autoconfigure.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * What the auto-configuration of every remote provider shares, in one annotation: it
 * matches when {@link ConditionalOnRerankerProvider reranker.provider} selects the
 * provider and Spring's HTTP client classes are present, and imports the
 * {@link RemoteProviderConfiguration} that builds the provider from its properties.
 * <p>
 * The rest stays on each auto-configuration class, where Spring Boot reads it:
 * {@code @AutoConfiguration} with its ordering (Boot's sorter and the auto-configuration
 * annotation processor read ordering from that annotation, not from a composed one:
 * {@link #AFTER} names what to order after), {@code @ConditionalOnClass} for the
 * provider's own model class, and {@code @EnableConfigurationProperties} for its
 * properties class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnRerankerProvider("")
// names, not classes: a composed annotation must not reference classes that may be
// missing
@ConditionalOnClass(name = { "org.springframework.web.client.RestClient",
		"org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder" })
@Import(RemoteProviderConfiguration.class)
public @interface RemoteRerankProvider {

	/**
	 * Boot's {@code RestClient.Builder} auto-configuration, which a remote provider's
	 * auto-configuration runs after so that the borrowed builder exists.
	 */
	String AFTER = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration";

	/**
	 * The provider, e.g. {@code cohere}.
	 * @return the provider name
	 */
	@AliasFor(annotation = ConditionalOnRerankerProvider.class, attribute = "value")
	String value();

}

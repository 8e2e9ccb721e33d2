package dev.reranker.autoconfigure.http;

import io.micrometer.observation.ObservationRegistry;

import dev.reranker.autoconfigure.RerankerProperties;
import dev.reranker.observation.RerankModelObservationConvention;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * What every remote provider's auto-configuration shares, imported by each: the
 * {@link RemoteProviderSupport} that turns provider properties, the deadline, retries and
 * the borrowed HTTP infrastructure into a configured model builder.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RerankerProperties.class, RerankerRetryProperties.class })
public class RemoteProviderConfiguration {

	@Bean
	RemoteProviderSupport rerankerRemoteProviderSupport(RerankerProperties rerankerProperties,
			RerankerRetryProperties retryProperties, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankModelObservationConvention> observationConvention,
			ObjectProvider<RerankConnectionDetails> connectionDetails, Environment environment) {
		return new RemoteProviderSupport(rerankerProperties, retryProperties, restClientBuilder, requestFactoryBuilder,
				httpClientSettings, observationRegistry, observationConvention, connectionDetails, environment);
	}

}

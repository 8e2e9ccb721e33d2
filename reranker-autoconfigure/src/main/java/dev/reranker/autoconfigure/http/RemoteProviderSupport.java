package dev.reranker.autoconfigure.http;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.autoconfigure.RerankerProperties;
import dev.reranker.http.RemoteRerankModel;
import dev.reranker.observation.RerankModelObservationConvention;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Configures a remote provider's model builder from its properties: base URLs and their
 * cool-down, API key (property, else environment variable; required for the hosted API),
 * model, batch size, the deadline and retries, and an HTTP client derived from Spring
 * Boot's {@link RestClient.Builder} with the provider's request timeout.
 */
public final class RemoteProviderSupport {

	private final RerankerProperties rerankerProperties;

	private final RerankerRetryProperties retryProperties;

	private final ObjectProvider<RestClient.Builder> restClientBuilder;

	private final ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder;

	private final ObjectProvider<HttpClientSettings> httpClientSettings;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<RerankModelObservationConvention> observationConvention;

	private final Environment environment;

	private final ObjectProvider<RerankConnectionDetails> connectionDetails;

	/**
	 * @param rerankerProperties the reranking stage's properties (the deadline)
	 * @param retryProperties the retry settings
	 * @param restClientBuilder Spring Boot's builder, if there is one
	 * @param requestFactoryBuilder Spring Boot's request factory builder, if any
	 * @param httpClientSettings Spring Boot's HTTP client settings, if any
	 * @param observationRegistry the observation registry, if any
	 * @param observationConvention the convention of model call observations, if any
	 * @param connectionDetails a {@link RerankConnectionDetails} bean that, when present,
	 * supplies the base URL and API key instead of the properties
	 * @param environment where API keys are looked up by environment variable
	 */
	public RemoteProviderSupport(RerankerProperties rerankerProperties, RerankerRetryProperties retryProperties,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<RerankModelObservationConvention> observationConvention,
			ObjectProvider<RerankConnectionDetails> connectionDetails, Environment environment) {
		this.rerankerProperties = rerankerProperties;
		this.retryProperties = retryProperties;
		this.restClientBuilder = restClientBuilder;
		this.requestFactoryBuilder = requestFactoryBuilder;
		this.httpClientSettings = httpClientSettings;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.connectionDetails = connectionDetails;
		this.environment = environment;
	}

	/**
	 * Applies the properties to a model builder.
	 * @param <B> the builder type
	 * @param builder the provider's model builder
	 * @param properties the provider's properties
	 * @param provider the provider name, e.g. {@code cohere}
	 * @param environmentVariable the API key's environment variable, or {@code null} when
	 * the provider has none
	 * @param hostedBaseUrl the hosted API's base URL, which requires a key; {@code null}
	 * when a key is never required
	 * @return the builder
	 * @throws MissingApiKeyException when the hosted API is configured without a key
	 */
	public <B extends RemoteRerankModel.Builder<B>> B configure(B builder, RemoteProviderProperties properties,
			String provider, @Nullable String environmentVariable, @Nullable String hostedBaseUrl) {
		RerankConnectionDetails details = this.connectionDetails.getIfUnique();
		String apiKey = (details != null) ? details.apiKey() : properties.getApiKey();
		if (!StringUtils.hasText(apiKey) && environmentVariable != null) {
			apiKey = this.environment.getProperty(environmentVariable);
		}
		List<String> baseUrls = (details != null) ? details.baseUrls() : properties.effectiveBaseUrls();
		if (!StringUtils.hasText(apiKey) && hostedBaseUrl != null) {
			for (String baseUrl : baseUrls) {
				if (sameUrl(baseUrl, hostedBaseUrl)) {
					throw new MissingApiKeyException(provider, properties.prefix() + ".api-key",
							(environmentVariable != null) ? environmentVariable : "(none)", baseUrl);
				}
			}
		}
		return builder.baseUrls(baseUrls)
			.endpointCoolDown(properties.getEndpointCoolDown())
			.apiKey(apiKey)
			.model(properties.getModel())
			.maxDocumentsPerRequest(properties.documentsPerRequest())
			.settings(this.retryProperties.toSettings(this.rerankerProperties.effectiveCallDeadline()))
			.restClientBuilder(restClientBuilder(properties.getRequestTimeout()))
			.observationRegistry(this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(this.observationConvention.getIfUnique());
	}

	private RestClient.Builder restClientBuilder(@Nullable Duration timeout) {
		// Boot's builder carries the HTTP client choice, SSL, customizers and
		// observations;
		// without Boot's RestClient auto-configuration, a plain builder gets
		// observations.
		RestClient.Builder builder = this.restClientBuilder.getIfAvailable(() -> RestClient.builder()
			.observationRegistry(this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP)));
		if (timeout != null) {
			ClientHttpRequestFactoryBuilder<?> factoryBuilder = this.requestFactoryBuilder
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
			HttpClientSettings settings = this.httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
			builder = builder.clone().requestFactory(factoryBuilder.build(settings.withTimeouts(timeout, timeout)));
		}
		return builder;
	}

	private static boolean sameUrl(String a, String b) {
		return strip(a).equalsIgnoreCase(strip(b));
	}

	private static String strip(String url) {
		String trimmed = url.strip();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}

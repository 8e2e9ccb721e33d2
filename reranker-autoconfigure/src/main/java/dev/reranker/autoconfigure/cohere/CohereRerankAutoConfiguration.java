package dev.reranker.autoconfigure.cohere;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.autoconfigure.http.RemoteProviderConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.cohere.CohereRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * Auto-configures a {@link CohereRerankModel} when {@code reranker.provider=cohere}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ CohereRerankModel.class, RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnRerankerProvider(CohereRerankModel.PROVIDER)
@EnableConfigurationProperties(CohereRerankProperties.class)
@Import(RemoteProviderConfiguration.class)
public class CohereRerankAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	CohereRerankModel cohereRerankModel(CohereRerankProperties properties, RemoteProviderSupport remote) {
		return remote
			.configure(CohereRerankModel.builder(), properties, CohereRerankModel.PROVIDER, "COHERE_API_KEY",
					CohereRerankModel.DEFAULT_BASE_URL)
			.build();
	}

}

package dev.reranker.autoconfigure.cohere;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.autoconfigure.http.RemoteRerankProvider;
import dev.reranker.cohere.CohereRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link CohereRerankModel} when {@code reranker.provider=cohere}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class, afterName = RemoteRerankProvider.AFTER)
@RemoteRerankProvider(CohereRerankModel.PROVIDER)
@ConditionalOnClass(CohereRerankModel.class)
@EnableConfigurationProperties(CohereRerankProperties.class)
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

package dev.reranker.autoconfigure.jina;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.autoconfigure.http.RemoteProviderConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.jina.JinaRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * Auto-configures a {@link JinaRerankModel} when {@code reranker.provider=jina}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ JinaRerankModel.class, RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnRerankerProvider(JinaRerankModel.PROVIDER)
@EnableConfigurationProperties(JinaRerankProperties.class)
@Import(RemoteProviderConfiguration.class)
public class JinaRerankAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	JinaRerankModel jinaRerankModel(JinaRerankProperties properties, RemoteProviderSupport remote) {
		return remote
			.configure(JinaRerankModel.builder(), properties, JinaRerankModel.PROVIDER, "JINA_API_KEY",
					JinaRerankModel.DEFAULT_BASE_URL)
			.scoreMapping(properties.getScoreMapping())
			.build();
	}

}

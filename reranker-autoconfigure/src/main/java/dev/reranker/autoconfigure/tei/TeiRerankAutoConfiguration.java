package dev.reranker.autoconfigure.tei;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.ConditionalOnRerankerProvider;
import dev.reranker.autoconfigure.http.RemoteProviderConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.tei.TeiRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/**
 * Auto-configures a {@link TeiRerankModel} when {@code reranker.provider=tei}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ TeiRerankModel.class, RestClient.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnRerankerProvider(TeiRerankModel.PROVIDER)
@EnableConfigurationProperties(TeiRerankProperties.class)
@Import(RemoteProviderConfiguration.class)
public class TeiRerankAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	TeiRerankModel teiRerankModel(TeiRerankProperties properties, RemoteProviderSupport remote) {
		return remote.configure(TeiRerankModel.builder(), properties, TeiRerankModel.PROVIDER, null, null)
			.truncate(properties.isTruncate())
			.build();
	}

}

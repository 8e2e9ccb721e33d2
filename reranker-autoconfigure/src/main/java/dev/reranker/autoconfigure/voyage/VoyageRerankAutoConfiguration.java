package dev.reranker.autoconfigure.voyage;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.autoconfigure.http.RemoteRerankProvider;
import dev.reranker.voyage.VoyageRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link VoyageRerankModel} when {@code reranker.provider=voyage}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class, afterName = RemoteRerankProvider.AFTER)
@RemoteRerankProvider(VoyageRerankModel.PROVIDER)
@ConditionalOnClass(VoyageRerankModel.class)
@EnableConfigurationProperties(VoyageRerankProperties.class)
public class VoyageRerankAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	VoyageRerankModel voyageRerankModel(VoyageRerankProperties properties, RemoteProviderSupport remote) {
		return remote
			.configure(VoyageRerankModel.builder(), properties, VoyageRerankModel.PROVIDER, "VOYAGE_API_KEY",
					VoyageRerankModel.DEFAULT_BASE_URL)
			.truncation(properties.isTruncation())
			.build();
	}

}

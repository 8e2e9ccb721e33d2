package dev.reranker.autoconfigure.tei;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.autoconfigure.http.RemoteRerankProvider;
import dev.reranker.tei.TeiRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link TeiRerankModel} when {@code reranker.provider=tei}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class, afterName = RemoteRerankProvider.AFTER)
@RemoteRerankProvider(TeiRerankModel.PROVIDER)
@ConditionalOnClass(TeiRerankModel.class)
@EnableConfigurationProperties(TeiRerankProperties.class)
public class TeiRerankAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RerankModel.class)
	TeiRerankModel teiRerankModel(TeiRerankProperties properties, RemoteProviderSupport remote) {
		return remote.configure(TeiRerankModel.builder(), properties, TeiRerankModel.PROVIDER, null, null)
			.truncate(properties.isTruncate())
			.build();
	}

}

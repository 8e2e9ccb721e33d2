package dev.reranker.autoconfigure.jina;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.http.RemoteProviderSupport;
import dev.reranker.autoconfigure.http.RemoteRerankProvider;
import dev.reranker.jina.JinaRerankModel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a {@link JinaRerankModel} when {@code reranker.provider=jina}.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class, afterName = RemoteRerankProvider.AFTER)
@RemoteRerankProvider(JinaRerankModel.PROVIDER)
@ConditionalOnClass(JinaRerankModel.class)
@EnableConfigurationProperties(JinaRerankProperties.class)
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

package dev.reranker.example.search;

import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The first stage used by the search API. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	@Bean
	@ConditionalOnMissingBean(FirstStage.class)
	FirstStage vectorFirstStage(VectorStore vectorStore) {
		return new VectorFirstStage(vectorStore);
	}

}

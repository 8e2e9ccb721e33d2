package dev.reranker.example;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded default: an in-memory vector store. The {@code pgvector} profile uses
 * Spring AI's auto-configured PgVectorStore instead.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!pgvector")
class VectorStoreConfiguration {

	@Bean
	SimpleVectorStore vectorStore(EmbeddingModel embeddingModel) {
		return SimpleVectorStore.builder(embeddingModel).build();
	}

}

package zzz.test;

import dev.reranker.testfixtures.postgres.RandomVectorTable;

import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A vector store auto-configuration in a package that sorts after {@code dev.*}, like
 * Spring AI's Redis, Qdrant or Chroma ones ({@code org.springframework.ai.*}), and with
 * the default order. Listed in this module's test
 * {@code META-INF/spring/…AutoConfiguration.imports}; inert unless
 * {@code zzz.test.vector-store.enabled=true}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("zzz.test.vector-store.enabled")
public class ZzzVectorStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VectorStore zzzVectorStore() {
		return SimpleVectorStore.builder(RandomVectorTable.EMBEDDING_MODEL).build();
	}

}

package dev.reranker.example;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The offline second stage for tests: bge-small-en-v1.5 (ONNX graph and tokenizer from the
 * LangChain4j Maven artifact), used by the {@code embedding} rescoring provider that
 * {@code application-test.yml} selects.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OfflineRerankerConfiguration {

	@Bean
	EmbeddingModel bgeSmallEmbeddingModel() throws Exception {
		return EmbeddingConfiguration.transformersEmbeddingModel("classpath:bge-small-en-v1.5.onnx",
				"classpath:bge-small-en-v1.5-tokenizer.json", 512);
	}

}

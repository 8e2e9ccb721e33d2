package dev.reranker.example;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code offline} profile's second stage, for machines that cannot reach the Hugging
 * Face hub: bge-small-en-v1.5 (ONNX graph and tokenizer from a LangChain4j Maven
 * artifact) used by the {@code embedding} rescoring provider that
 * {@code application-offline.yml} selects. A bi-encoder, not a cross-encoder: it shows
 * the pipeline working, with thinner margins than ms-marco. The tests run on this
 * profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("offline")
class OfflineRerankerConfiguration {

	/**
	 * Named after the model: the rerank provider reports the bean's name as its model.
	 */
	@Bean("bge-small-en-v1.5")
	EmbeddingModel bgeSmallEmbeddingModel() throws Exception {
		return EmbeddingConfiguration.transformersEmbeddingModel("classpath:bge-small-en-v1.5.onnx",
				"classpath:bge-small-en-v1.5-tokenizer.json", 512);
	}

}

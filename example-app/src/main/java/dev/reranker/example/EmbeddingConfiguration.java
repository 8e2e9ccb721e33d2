package dev.reranker.example;

import java.util.Map;

import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The first-stage embedding model: all-MiniLM-L6-v2 run in-process with ONNX Runtime. Its
 * graph and tokenizer come from a Maven artifact on the class path, so nothing is
 * downloaded.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

	@Bean
	@Primary
	EmbeddingModel embeddingModel(AppProperties properties) throws Exception {
		AppProperties.Embedding embedding = properties.embedding();
		return transformersEmbeddingModel(embedding.model(), embedding.tokenizer(), embedding.maxLength());
	}

	/**
	 * Builds a {@link TransformersEmbeddingModel} over an ONNX graph and tokenizer.
	 * @param model the graph's location (classpath:, file:)
	 * @param tokenizer the tokenizer.json's location
	 * @param maxLength the maximum number of tokens per text
	 * @return the initialized model
	 * @throws Exception when a file is missing or unreadable
	 */
	static TransformersEmbeddingModel transformersEmbeddingModel(String model, String tokenizer, int maxLength)
			throws Exception {
		TransformersEmbeddingModel embeddingModel = new TransformersEmbeddingModel(MetadataMode.NONE);
		embeddingModel.setModelResource(model);
		embeddingModel.setTokenizerResource(tokenizer);
		// Local resources need no copy in Spring AI's download cache.
		embeddingModel.setDisableCaching(true);
		embeddingModel.setTokenizerOptions(Map.of("padding", "true", "truncation", "true", "maxLength",
				Integer.toString(maxLength), "modelMaxLength", Integer.toString(maxLength)));
		embeddingModel.afterPropertiesSet();
		return embeddingModel;
	}

}

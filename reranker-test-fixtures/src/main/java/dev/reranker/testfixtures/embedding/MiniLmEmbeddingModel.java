package dev.reranker.testfixtures.embedding;

import org.springframework.ai.transformers.TransformersEmbeddingModel;

/**
 * A real local embedding model for tests: Spring AI's {@link TransformersEmbeddingModel}
 * (ONNX Runtime) with all-MiniLM-L6-v2 and its tokenizer from the LangChain4j model jar
 * on the test class path: no download. One instance per JVM (ONNX Runtime allows one
 * environment per process, and loading takes a second or two).
 */
public final class MiniLmEmbeddingModel {

	public static final int DIMENSIONS = 384;

	private static TransformersEmbeddingModel instance;

	private MiniLmEmbeddingModel() {
	}

	public static synchronized TransformersEmbeddingModel get() {
		if (instance == null) {
			System.setProperty("ai.djl.offline", "true");
			TransformersEmbeddingModel model = new TransformersEmbeddingModel();
			model.setModelResource("classpath:all-minilm-l6-v2.onnx");
			model.setTokenizerResource("classpath:all-minilm-l6-v2-tokenizer.json");
			try {
				model.afterPropertiesSet();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not load all-MiniLM-L6-v2 from the test class path", ex);
			}
			instance = model;
		}
		return instance;
	}

}

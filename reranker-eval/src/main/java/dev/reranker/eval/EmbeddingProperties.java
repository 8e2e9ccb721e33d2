package dev.reranker.eval;

import java.nio.file.Path;

/** The local embedding model of the dense first stages ({@code eval.embedding.*}). */
public class EmbeddingProperties {

	/** The default token budget per embedding call. */
	public static final int BATCH_TOKENS = 4096;

	/**
	 * ONNX graph of the sentence-embedding model (a Spring resource location).
	 */
	private String model = "classpath:all-minilm-l6-v2.onnx";

	/**
	 * Hugging Face tokenizer.json of the embedding model (a Spring resource location).
	 */
	private String tokenizer = "classpath:all-minilm-l6-v2-tokenizer.json";

	/**
	 * Tokens per text before truncation (all-MiniLM-L6-v2 was trained with 256).
	 */
	private int maxLength = 256;

	/**
	 * Most documents embedded per call while indexing.
	 */
	private int batchSize = 32;

	/**
	 * Most tokens per embedding call while indexing, counted padded (documents x the
	 * longest one's tokens); documents are sorted by their token count first. 0 sorts by
	 * characters and fills every call with batch-size documents.
	 */
	private int batchTokens = BATCH_TOKENS;

	/**
	 * Whether to save the embedded in-memory index and reuse it when the model, settings
	 * and corpus are the same.
	 */
	private boolean cache = true;

	/**
	 * Folder of saved in-memory indexes.
	 */
	private Path cacheDir = Path.of("target", "reranker-eval", "cache");

	public String getModel() {
		return this.model;
	}

	public void setModel(String model) {
		this.model = model;
	}

	public String getTokenizer() {
		return this.tokenizer;
	}

	public void setTokenizer(String tokenizer) {
		this.tokenizer = tokenizer;
	}

	public int getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(int maxLength) {
		this.maxLength = maxLength;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public boolean isCache() {
		return this.cache;
	}

	public void setCache(boolean cache) {
		this.cache = cache;
	}

	public Path getCacheDir() {
		return this.cacheDir;
	}

	public void setCacheDir(Path cacheDir) {
		this.cacheDir = cacheDir;
	}

	public int getBatchTokens() {
		return this.batchTokens;
	}

	public void setBatchTokens(int batchTokens) {
		this.batchTokens = batchTokens;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

}

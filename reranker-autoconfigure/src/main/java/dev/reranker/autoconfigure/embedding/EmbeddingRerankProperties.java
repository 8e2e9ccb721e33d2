package dev.reranker.autoconfigure.embedding;

import org.jspecify.annotations.Nullable;

import dev.reranker.embedding.CaffeineDocumentVectors;
import dev.reranker.embedding.EmbeddingRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'embedding' provider, under {@code reranker.embedding.*}: cosine
 * rescoring with a Spring AI {@code EmbeddingModel} bean (a bi-encoder, not a
 * cross-encoder).
 */
@ConfigurationProperties(prefix = EmbeddingRerankProperties.PREFIX)
public class EmbeddingRerankProperties {

	public static final String PREFIX = "reranker.embedding";

	/**
	 * Name of the EmbeddingModel bean to rescore with. Unset uses the only (or primary)
	 * EmbeddingModel bean.
	 */
	private @Nullable String modelBean;

	/**
	 * Texts per embedding call. Texts of similar length share a call, so an embedding
	 * model that pads a batch to its longest text pads little.
	 */
	private int batchSize = EmbeddingRerankModel.DEFAULT_BATCH_SIZE;

	/**
	 * Document vectors kept in memory between calls, keyed by a hash of the text (the
	 * same documents come back query after query). 0 keeps none. Needs Caffeine on the
	 * class path; without it nothing is kept.
	 */
	private long documentCacheSize = CaffeineDocumentVectors.DEFAULT_MAXIMUM_SIZE;

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public long getDocumentCacheSize() {
		return this.documentCacheSize;
	}

	public void setDocumentCacheSize(long documentCacheSize) {
		this.documentCacheSize = documentCacheSize;
	}

	public @Nullable String getModelBean() {
		return this.modelBean;
	}

	public void setModelBean(@Nullable String modelBean) {
		this.modelBean = modelBean;
	}

}

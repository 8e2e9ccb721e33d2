package dev.reranker.autoconfigure.embedding;

import org.jspecify.annotations.Nullable;

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

	public @Nullable String getModelBean() {
		return this.modelBean;
	}

	public void setModelBean(@Nullable String modelBean) {
		this.modelBean = modelBean;
	}

}

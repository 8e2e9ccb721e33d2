package dev.reranker.autoconfigure.tei;

import dev.reranker.autoconfigure.http.RemoteProviderProperties;
import dev.reranker.tei.TeiRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'tei' provider, under {@code reranker.tei.*}: a Hugging Face
 * text-embeddings-inference server's {@code /rerank}. Defaults: base URL
 * {@code http://localhost:8080}, batches of 32 texts (TEI's default
 * {@code --max-client-batch-size}); an API key is sent only when set (TEI's
 * {@code --api-key}).
 */
@ConfigurationProperties(prefix = TeiRerankProperties.PREFIX)
public class TeiRerankProperties extends RemoteProviderProperties {

	public static final String PREFIX = "reranker.tei";

	/**
	 * Whether the server truncates texts longer than the model's maximum input instead of
	 * rejecting the request.
	 */
	private boolean truncate = true;

	/**
	 * Number of texts sent per request; match the server's --max-client-batch-size.
	 */
	private int batchSize = TeiRerankModel.DEFAULT_BATCH_SIZE;

	public TeiRerankProperties() {
		super(TeiRerankModel.DEFAULT_BASE_URL, null);
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	@Override
	protected int documentsPerRequest() {
		return this.batchSize;
	}

	@Override
	protected String documentsPerRequestProperty() {
		return "batchSize";
	}

	public boolean isTruncate() {
		return this.truncate;
	}

	public void setTruncate(boolean truncate) {
		this.truncate = truncate;
	}

	@Override
	protected String prefix() {
		return PREFIX;
	}

}

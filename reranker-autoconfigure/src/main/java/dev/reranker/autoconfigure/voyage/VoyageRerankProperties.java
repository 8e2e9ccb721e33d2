package dev.reranker.autoconfigure.voyage;

import dev.reranker.autoconfigure.http.RemoteProviderProperties;
import dev.reranker.voyage.VoyageRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'voyage' provider, under {@code reranker.voyage.*}: Voyage AI's
 * {@code /v1/rerank} API. Defaults: base URL {@code https://api.voyageai.com}, model
 * {@code rerank-2.5}, 1000 documents per request; the API key falls back to the
 * environment variable {@code VOYAGE_API_KEY}.
 */
@ConfigurationProperties(prefix = VoyageRerankProperties.PREFIX)
public class VoyageRerankProperties extends RemoteProviderProperties {

	public static final String PREFIX = "reranker.voyage";

	/**
	 * Whether Voyage truncates a query or document over the model's context length
	 * instead of rejecting the request.
	 */
	private boolean truncation = true;

	/**
	 * Most documents sent in one request; longer candidate lists are split and the
	 * results merged by index.
	 */
	private int maxDocumentsPerRequest = VoyageRerankModel.MAX_DOCUMENTS_PER_REQUEST;

	public VoyageRerankProperties() {
		super(VoyageRerankModel.DEFAULT_BASE_URL, VoyageRerankModel.DEFAULT_MODEL);
	}

	public boolean isTruncation() {
		return this.truncation;
	}

	public void setTruncation(boolean truncation) {
		this.truncation = truncation;
	}

	public int getMaxDocumentsPerRequest() {
		return this.maxDocumentsPerRequest;
	}

	public void setMaxDocumentsPerRequest(int maxDocumentsPerRequest) {
		this.maxDocumentsPerRequest = maxDocumentsPerRequest;
	}

	@Override
	protected int documentsPerRequest() {
		return this.maxDocumentsPerRequest;
	}

	@Override
	protected String prefix() {
		return PREFIX;
	}

}

package dev.reranker.autoconfigure.voyage;

import dev.reranker.autoconfigure.http.MaxDocumentsProviderProperties;
import dev.reranker.voyage.VoyageRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'voyage' provider, under {@code reranker.voyage.*}: Voyage AI's
 * {@code /v1/rerank} API. Defaults: base URL {@code https://api.voyageai.com}, model
 * {@code rerank-2.5}, 1000 documents per request; the API key falls back to the
 * environment variable {@code VOYAGE_API_KEY}.
 */
@ConfigurationProperties(prefix = VoyageRerankProperties.PREFIX)
public class VoyageRerankProperties extends MaxDocumentsProviderProperties {

	public static final String PREFIX = "reranker.voyage";

	/**
	 * Whether Voyage truncates a query or document over the model's context length
	 * instead of rejecting the request.
	 */
	private boolean truncation = true;

	public VoyageRerankProperties() {
		super(VoyageRerankModel.DEFAULT_BASE_URL, VoyageRerankModel.DEFAULT_MODEL,
				VoyageRerankModel.MAX_DOCUMENTS_PER_REQUEST);
	}

	public boolean isTruncation() {
		return this.truncation;
	}

	public void setTruncation(boolean truncation) {
		this.truncation = truncation;
	}

	@Override
	protected String prefix() {
		return PREFIX;
	}

}

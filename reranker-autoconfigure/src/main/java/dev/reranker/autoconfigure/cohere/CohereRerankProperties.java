package dev.reranker.autoconfigure.cohere;

import dev.reranker.autoconfigure.http.RemoteProviderProperties;
import dev.reranker.cohere.CohereRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'cohere' provider, under {@code reranker.cohere.*}: Cohere's
 * {@code /v2/rerank} API, or a compatible server (vLLM) at {@code base-url}. Defaults:
 * base URL {@code https://api.cohere.com}, model {@code rerank-v3.5}, 1000 documents per
 * request; the API key falls back to the environment variable {@code COHERE_API_KEY}.
 */
@ConfigurationProperties(prefix = CohereRerankProperties.PREFIX)
public class CohereRerankProperties extends RemoteProviderProperties {

	public static final String PREFIX = "reranker.cohere";

	/**
	 * Most documents sent in one request; longer candidate lists are split and the
	 * results merged by index.
	 */
	private int maxDocumentsPerRequest = CohereRerankModel.MAX_DOCUMENTS_PER_REQUEST;

	public CohereRerankProperties() {
		super(CohereRerankModel.DEFAULT_BASE_URL, CohereRerankModel.DEFAULT_MODEL);
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

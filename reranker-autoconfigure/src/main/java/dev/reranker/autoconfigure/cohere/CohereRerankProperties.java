package dev.reranker.autoconfigure.cohere;

import dev.reranker.autoconfigure.http.MaxDocumentsProviderProperties;
import dev.reranker.cohere.CohereRerankModel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'cohere' provider, under {@code reranker.cohere.*}: Cohere's
 * {@code /v2/rerank} API, or a compatible server (vLLM) at {@code base-url}. Defaults:
 * base URL {@code https://api.cohere.com}, model {@code rerank-v3.5}, 1000 documents per
 * request; the API key falls back to the environment variable {@code COHERE_API_KEY}.
 */
@ConfigurationProperties(prefix = CohereRerankProperties.PREFIX)
public class CohereRerankProperties extends MaxDocumentsProviderProperties {

	public static final String PREFIX = "reranker.cohere";

	public CohereRerankProperties() {
		super(CohereRerankModel.DEFAULT_BASE_URL, CohereRerankModel.DEFAULT_MODEL,
				CohereRerankModel.MAX_DOCUMENTS_PER_REQUEST);
	}

	@Override
	protected String prefix() {
		return PREFIX;
	}

}

package dev.reranker.autoconfigure.jina;

import dev.reranker.autoconfigure.http.MaxDocumentsProviderProperties;
import dev.reranker.jina.JinaRerankModel;
import dev.reranker.jina.JinaRerankModel.ScoreMapping;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the 'jina' provider, under {@code reranker.jina.*}: Jina AI's
 * {@code /v1/rerank} API, or a server speaking the same JSON (vLLM, llama.cpp server) at
 * {@code base-url}. Defaults: base URL {@code https://api.jina.ai}, model
 * {@code jina-reranker-v2-base-multilingual}; the API key falls back to the environment
 * variable {@code JINA_API_KEY}.
 */
@ConfigurationProperties(prefix = JinaRerankProperties.PREFIX)
public class JinaRerankProperties extends MaxDocumentsProviderProperties {

	public static final String PREFIX = "reranker.jina";

	/**
	 * How the server's relevance_score becomes a score in [0, 1]: 'none' when it already
	 * is one (Jina AI, vLLM), 'logistic' when the server returns raw logits (llama.cpp
	 * server).
	 */
	private ScoreMapping scoreMapping = ScoreMapping.NONE;

	public JinaRerankProperties() {
		super(JinaRerankModel.DEFAULT_BASE_URL, JinaRerankModel.DEFAULT_MODEL,
				JinaRerankModel.MAX_DOCUMENTS_PER_REQUEST);
	}

	public ScoreMapping getScoreMapping() {
		return this.scoreMapping;
	}

	public void setScoreMapping(ScoreMapping scoreMapping) {
		this.scoreMapping = scoreMapping;
	}

	@Override
	protected String prefix() {
		return PREFIX;
	}

}

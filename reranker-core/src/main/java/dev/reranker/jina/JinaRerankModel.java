package dev.reranker.jina;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;
import dev.reranker.http.RemoteRerankClient;
import dev.reranker.http.RemoteCall;
import dev.reranker.http.RemoteRerankModel;
import dev.reranker.jina.api.JinaRerankApi;

/**
 * Scores documents with Jina AI's rerank API ({@code POST {base-url}/v1/rerank}); the
 * same JSON is spoken by vLLM's and llama.cpp server's {@code /v1/rerank}. Servers that
 * return raw logits (llama.cpp) need {@link ScoreMapping#LOGISTIC} so that scores land in
 * {@code [0, 1]}.
 */
public final class JinaRerankModel extends RemoteRerankModel {

	/** The provider name. */
	public static final String PROVIDER = "jina";

	/** Jina AI's hosted API. */
	public static final String DEFAULT_BASE_URL = "https://api.jina.ai";

	/** The default model. */
	public static final String DEFAULT_MODEL = "jina-reranker-v2-base-multilingual";

	/** The most documents sent in one request. */
	public static final int MAX_DOCUMENTS_PER_REQUEST = 1000;

	private final ScoreMapping scoreMapping;

	private JinaRerankModel(RemoteRerankClient client, Builder builder) {
		super(client, builder);
		this.scoreMapping = builder.scoreMapping;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected List<RerankResult> scoreBatch(RemoteCall call, String query, List<String> documents,
			@Nullable String model, @Nullable Integer topN) {
		JinaRerankApi.Response response = call.post(JinaRerankApi.PATH,
				new JinaRerankApi.Request(model, query, documents, topN, false), JinaRerankApi.Response.class);
		if (response.results() == null) {
			throw malformed("no 'results' array");
		}
		return response.results().stream().map(result -> {
			RerankResult parsed = result(result.index(), result.relevanceScore());
			return new RerankResult(parsed.index(), this.scoreMapping.apply(parsed.score()));
		}).toList();
	}

	@Override
	protected String scoreRangeHint() {
		return (this.scoreMapping == ScoreMapping.NONE) ? "; if the server returns raw logits (llama.cpp server), "
				+ "use ScoreMapping.LOGISTIC (JinaRerankModel.Builder#scoreMapping)" : "";
	}

	public ScoreMapping getScoreMapping() {
		return this.scoreMapping;
	}

	/** How the server's {@code relevance_score} becomes a score in {@code [0, 1]}. */
	public enum ScoreMapping {

		/** The server already returns probabilities in [0, 1] (Jina AI, vLLM). */
		NONE,

		/** The server returns raw logits (llama.cpp server); apply 1 / (1 + e^-x). */
		LOGISTIC;

		double apply(double score) {
			return (this == LOGISTIC) ? 1.0 / (1.0 + Math.exp(-score)) : score;
		}

	}

	/** Builder for {@link JinaRerankModel}. */
	public static final class Builder extends RemoteRerankModel.Builder<Builder> {

		private ScoreMapping scoreMapping = ScoreMapping.NONE;

		private Builder() {
			super(DEFAULT_BASE_URL, DEFAULT_MODEL, MAX_DOCUMENTS_PER_REQUEST);
		}

		/** How scores are mapped to [0, 1]; default {@link ScoreMapping#NONE}. */
		public Builder scoreMapping(ScoreMapping scoreMapping) {
			this.scoreMapping = scoreMapping;
			return this;
		}

		public JinaRerankModel build() {
			return new JinaRerankModel(buildClient(PROVIDER), this);
		}

	}

}

package dev.reranker.cohere;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;
import dev.reranker.cohere.api.CohereRerankApi;
import dev.reranker.http.RemoteRerankClient;
import dev.reranker.http.RemoteCall;
import dev.reranker.http.RemoteRerankModel;

/**
 * Scores documents with Cohere's rerank API ({@code POST {base-url}/v2/rerank}), or any
 * server that speaks the same JSON (e.g. vLLM's {@code /v2/rerank}). Lists longer than
 * {@link #MAX_DOCUMENTS_PER_REQUEST} are split and merged by index.
 */
public final class CohereRerankModel extends RemoteRerankModel {

	/** The provider name. */
	public static final String PROVIDER = "cohere";

	/** Cohere's hosted API. */
	public static final String DEFAULT_BASE_URL = "https://api.cohere.com";

	/** The default model. */
	public static final String DEFAULT_MODEL = "rerank-v3.5";

	/** Cohere's recommended maximum number of documents per request. */
	public static final int MAX_DOCUMENTS_PER_REQUEST = 1000;

	private CohereRerankModel(RemoteRerankClient client, Builder builder) {
		super(client, builder);
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected List<RerankResult> scoreBatch(RemoteCall call, String query, List<String> documents,
			@Nullable String model, @Nullable Integer topN) {
		CohereRerankApi.Response response = call.post(CohereRerankApi.PATH,
				new CohereRerankApi.Request(model, query, documents, topN), CohereRerankApi.Response.class);
		if (response.results() == null) {
			throw malformed("no 'results' array");
		}
		return response.results().stream().map(result -> result(result.index(), result.relevanceScore())).toList();
	}

	/** Builder for {@link CohereRerankModel}. */
	public static final class Builder extends RemoteRerankModel.Builder<Builder> {

		private Builder() {
			super(DEFAULT_BASE_URL, DEFAULT_MODEL, MAX_DOCUMENTS_PER_REQUEST);
		}

		public CohereRerankModel build() {
			return new CohereRerankModel(buildClient(PROVIDER), this);
		}

	}

}

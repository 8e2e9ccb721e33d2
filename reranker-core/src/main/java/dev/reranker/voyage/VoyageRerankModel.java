package dev.reranker.voyage;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;
import dev.reranker.http.RemoteRerankClient;
import dev.reranker.http.RemoteCall;
import dev.reranker.http.RemoteRerankModel;
import dev.reranker.voyage.api.VoyageRerankApi;

/**
 * Scores documents with Voyage AI's rerank API ({@code POST {base-url}/v1/rerank}).
 * Voyage accepts at most {@link #MAX_DOCUMENTS_PER_REQUEST} documents per request; longer
 * lists are split and merged by index.
 */
public final class VoyageRerankModel extends RemoteRerankModel {

	/** The provider name. */
	public static final String PROVIDER = "voyage";

	/** Voyage AI's hosted API. */
	public static final String DEFAULT_BASE_URL = "https://api.voyageai.com";

	/** The default model. */
	public static final String DEFAULT_MODEL = "rerank-2.5";

	/** Voyage's documented maximum number of documents per request. */
	public static final int MAX_DOCUMENTS_PER_REQUEST = 1000;

	private final boolean truncation;

	private VoyageRerankModel(RemoteRerankClient client, Builder builder) {
		super(client, builder);
		this.truncation = builder.truncation;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected List<RerankResult> scoreBatch(RemoteCall call, String query, List<String> documents,
			@Nullable String model, @Nullable Integer topN) {
		VoyageRerankApi.Response response = call.post(VoyageRerankApi.PATH,
				new VoyageRerankApi.Request(query, documents, model, topN, this.truncation),
				VoyageRerankApi.Response.class);
		if (response.data() == null) {
			throw malformed("no 'data' array");
		}
		return response.data().stream().map(result -> result(result.index(), result.relevanceScore())).toList();
	}

	public boolean isTruncation() {
		return this.truncation;
	}

	/** Builder for {@link VoyageRerankModel}. */
	public static final class Builder extends RemoteRerankModel.Builder<Builder> {

		private boolean truncation = true;

		private Builder() {
			super(DEFAULT_BASE_URL, DEFAULT_MODEL, MAX_DOCUMENTS_PER_REQUEST);
		}

		/**
		 * Whether Voyage truncates over-long query and documents instead of failing;
		 * default true.
		 */
		public Builder truncation(boolean truncation) {
			this.truncation = truncation;
			return this;
		}

		public VoyageRerankModel build() {
			return new VoyageRerankModel(buildClient(PROVIDER), this);
		}

	}

}

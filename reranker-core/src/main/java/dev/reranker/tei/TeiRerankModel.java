package dev.reranker.tei;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;
import dev.reranker.http.RemoteRerankClient;
import dev.reranker.http.RemoteCall;
import dev.reranker.http.RemoteRerankModel;
import dev.reranker.tei.api.TeiRerankApi;

/**
 * Scores documents with a Hugging Face text-embeddings-inference server ({@code POST
 * {base-url}/rerank}) running a cross-encoder. TEI rejects requests with more texts than
 * its {@code --max-client-batch-size} (32 by default), so lists are sent in batches of
 * {@link Builder#maxDocumentsPerRequest(int) batch-size} and merged by index. TEI serves
 * one model; the model name is only a label for observations.
 */
public final class TeiRerankModel extends RemoteRerankModel {

	/** The provider name. */
	public static final String PROVIDER = "tei";

	/** Where TEI listens when started locally. */
	public static final String DEFAULT_BASE_URL = "http://localhost:8080";

	/** TEI's default {@code --max-client-batch-size}. */
	public static final int DEFAULT_BATCH_SIZE = 32;

	private final boolean truncate;

	private TeiRerankModel(RemoteRerankClient client, Builder builder) {
		super(client, builder);
		this.truncate = builder.truncate;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected List<RerankResult> scoreBatch(RemoteCall call, String query, List<String> documents,
			@Nullable String model, @Nullable Integer topN) {
		TeiRerankApi.Score[] scores = call.post(TeiRerankApi.PATH,
				new TeiRerankApi.Request(query, documents, this.truncate, false), TeiRerankApi.Score[].class);
		return Arrays.stream(scores).map(score -> {
			if (score == null) {
				throw malformed("null entry in the result array");
			}
			return result(score.index(), score.score());
		}).toList();
	}

	public boolean isTruncate() {
		return this.truncate;
	}

	/** Builder for {@link TeiRerankModel}. */
	public static final class Builder extends RemoteRerankModel.Builder<Builder> {

		private boolean truncate = true;

		private Builder() {
			super(DEFAULT_BASE_URL, null, DEFAULT_BATCH_SIZE);
		}

		/** Whether TEI truncates over-long inputs instead of failing; default true. */
		public Builder truncate(boolean truncate) {
			this.truncate = truncate;
			return this;
		}

		public TeiRerankModel build() {
			return new TeiRerankModel(buildClient(PROVIDER), this);
		}

	}

}

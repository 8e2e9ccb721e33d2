package dev.reranker.retrieval.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.join.DocumentJoiner;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.util.Assert;

/**
 * Hybrid retrieval: asks several retrievers (for example vector search and keyword
 * search) for the same query and fuses their ranked lists into one, by default with
 * {@link ReciprocalRankFusionDocumentJoiner}.
 * <p>
 * Spring AI's {@code RetrievalAugmentationAdvisor} takes a single
 * {@link DocumentRetriever}; this is it when more than one source should be searched. The
 * retrievers run one after another on the calling thread, or concurrently on the
 * configured {@link Executor}. Any retriever's failure fails the call.
 */
public final class FusionDocumentRetriever implements DocumentRetriever {

	private final List<DocumentRetriever> retrievers;

	private final DocumentJoiner joiner;

	private final @Nullable Executor executor;

	private FusionDocumentRetriever(Builder builder) {
		Assert.notEmpty(builder.retrievers,
				"at least one retriever is required (FusionDocumentRetriever.Builder#retriever)");
		Assert.noNullElements(builder.retrievers,
				"retrievers must not contain null elements (FusionDocumentRetriever.Builder#retriever)");
		Assert.notNull(builder.joiner, "joiner must not be null (FusionDocumentRetriever.Builder#joiner)");
		this.retrievers = List.copyOf(builder.retrievers);
		this.joiner = builder.joiner;
		this.executor = builder.executor;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public List<Document> retrieve(Query query) {
		Assert.notNull(query, "query must not be null");
		List<List<Document>> lists = new ArrayList<>(this.retrievers.size());
		if (this.executor == null || this.retrievers.size() == 1) {
			for (DocumentRetriever retriever : this.retrievers) {
				lists.add(retriever.retrieve(query));
			}
		}
		else {
			List<CompletableFuture<List<Document>>> futures = new ArrayList<>();
			for (DocumentRetriever retriever : this.retrievers) {
				futures.add(CompletableFuture.supplyAsync(() -> retriever.retrieve(query), this.executor));
			}
			for (CompletableFuture<List<Document>> future : futures) {
				try {
					lists.add(future.join());
				}
				catch (CompletionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					throw ex;
				}
			}
		}
		return this.joiner.join(Map.of(query, lists));
	}

	/** The retrievers, in list-position (weight) order. */
	public List<DocumentRetriever> getRetrievers() {
		return this.retrievers;
	}

	/** Builder for {@link FusionDocumentRetriever}. */
	public static final class Builder {

		private final List<DocumentRetriever> retrievers = new ArrayList<>();

		private DocumentJoiner joiner = new ReciprocalRankFusionDocumentJoiner();

		private @Nullable Executor executor;

		private Builder() {
		}

		/** Adds a retriever; its position is its weight position in the joiner. */
		public Builder retriever(DocumentRetriever retriever) {
			this.retrievers.add(retriever);
			return this;
		}

		public Builder retrievers(List<DocumentRetriever> retrievers) {
			this.retrievers.addAll(retrievers);
			return this;
		}

		/** How the lists are fused; reciprocal rank fusion with k = 60 unless set. */
		public Builder joiner(DocumentJoiner joiner) {
			this.joiner = joiner;
			return this;
		}

		/** Runs the retrievers concurrently on this executor; sequentially unless set. */
		public Builder executor(@Nullable Executor executor) {
			this.executor = executor;
			return this;
		}

		public FusionDocumentRetriever build() {
			return new FusionDocumentRetriever(this);
		}

	}

}

package dev.reranker.retrieval.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.reranker.retrieval.RetrievalDocumentMetadata;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.join.DocumentJoiner;
import org.springframework.util.Assert;

/**
 * Joins ranked lists with reciprocal rank fusion (Cormack et al., 2009): a document's
 * fused score is {@code sum over lists of weight(list) / (k + rank in list)}, with
 * 1-based ranks. Only ranks count, never the lists' own scores, so lists whose scores are
 * not comparable (cosine similarity, BM25) fuse fairly.
 * <p>
 * This is fusion, not reranking: it reads no text and knows nothing of relevance beyond
 * the input orders. Put a reranker (such as {@code RerankingDocumentPostProcessor}) after
 * it.
 * <p>
 * Details:
 * <ul>
 * <li>The {@code i}-th list of every query gets weight {@code weights[i]} (1 when no
 * weight is configured for that position). With {@code FusionDocumentRetriever} the
 * positions are the retrievers' positions.</li>
 * <li>Documents are identified by {@link Document#getId()}. A document that occurs more
 * than once in the same list counts once, at its best rank. The returned copy is the
 * occurrence with the best rank (earliest list on ties), with the metadata of the other
 * occurrences added where it lacks a key.</li>
 * <li>A single input list (one query, one retriever) has nothing to fuse with: it is
 * returned in its own order, duplicates removed, as the same document instances without
 * fusion metadata. This keeps the order a {@code FusionDocumentRetriever} produced when
 * this joiner is also the advisor's joiner.</li>
 * <li>Output: sorted by fused score, descending; ties by best rank, then first
 * appearance. Each copy carries {@link RetrievalDocumentMetadata#FUSED_SCORE} (also its
 * {@link Document#getScore()}) and {@link RetrievalDocumentMetadata#FUSED_RANK}. Input
 * documents are not changed.</li>
 * </ul>
 */
public final class ReciprocalRankFusionDocumentJoiner implements DocumentJoiner {

	/** The usual smoothing constant, from the original paper. */
	public static final int DEFAULT_K = 60;

	private final int k;

	private final List<Double> weights;

	private final int limit;

	private ReciprocalRankFusionDocumentJoiner(Builder builder) {
		Assert.isTrue(builder.k >= 0,
				() -> "k must be >= 0 (ReciprocalRankFusionDocumentJoiner.Builder#k) but was " + builder.k);
		Assert.noNullElements(builder.weights,
				"weights must not contain null elements (ReciprocalRankFusionDocumentJoiner.Builder#weights)");
		for (Double weight : builder.weights) {
			Assert.isTrue(Double.isFinite(weight) && weight >= 0,
					() -> "weights must be finite and >= 0 (ReciprocalRankFusionDocumentJoiner.Builder#weights) but were "
							+ builder.weights);
		}
		Assert.isTrue(builder.limit >= 1,
				() -> "limit must be >= 1 (ReciprocalRankFusionDocumentJoiner.Builder#limit) but was " + builder.limit);
		this.k = builder.k;
		this.weights = List.copyOf(builder.weights);
		this.limit = builder.limit;
	}

	/** A joiner with {@code k = 60}, equal weights and no limit. */
	public ReciprocalRankFusionDocumentJoiner() {
		this(builder());
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public List<Document> join(Map<Query, List<List<Document>>> documentsForQuery) {
		Assert.notNull(documentsForQuery, "documentsForQuery must not be null");
		Assert.noNullElements(documentsForQuery.keySet(), "documentsForQuery must not contain null keys");
		Assert.noNullElements(documentsForQuery.values(), "documentsForQuery must not contain null values");
		List<List<Document>> all = documentsForQuery.values().stream().flatMap(List::stream).toList();
		if (all.size() == 1) {
			return firstOccurrences(all.get(0));
		}
		Map<String, Fused> fused = new LinkedHashMap<>();
		int listOrder = 0;
		for (List<List<Document>> lists : documentsForQuery.values()) {
			for (int listIndex = 0; listIndex < lists.size(); listIndex++) {
				List<Document> list = lists.get(listIndex);
				Assert.notNull(list, "document lists must not be null");
				double weight = listIndex < this.weights.size() ? this.weights.get(listIndex) : 1.0;
				Set<String> seen = new HashSet<>();
				for (int position = 0; position < list.size(); position++) {
					Document document = list.get(position);
					Assert.notNull(document, "document lists must not contain null documents");
					if (!seen.add(document.getId())) {
						continue;
					}
					int rank = position + 1;
					Fused entry = fused.computeIfAbsent(document.getId(), id -> new Fused(fused.size()));
					entry.add(document, rank, listOrder, weight / (this.k + rank));
				}
				listOrder++;
			}
		}
		List<Fused> ordered = new ArrayList<>(fused.values());
		ordered.sort(Comparator.comparingDouble((Fused f) -> -f.score)
			.thenComparingInt(f -> f.bestRank)
			.thenComparingInt(f -> f.firstSeen));
		List<Document> result = new ArrayList<>(Math.min(ordered.size(), this.limit));
		for (int i = 0; i < ordered.size() && i < this.limit; i++) {
			result.add(ordered.get(i).toDocument(i + 1));
		}
		return result;
	}

	private List<Document> firstOccurrences(List<Document> list) {
		Assert.notNull(list, "document lists must not be null");
		Set<String> seen = new HashSet<>();
		List<Document> result = new ArrayList<>();
		for (Document document : list) {
			Assert.notNull(document, "document lists must not contain null documents");
			if (seen.add(document.getId()) && result.size() < this.limit) {
				result.add(document);
			}
		}
		return result;
	}

	private static final class Fused {

		final int firstSeen;

		double score;

		int bestRank = Integer.MAX_VALUE;

		int bestList = Integer.MAX_VALUE;

		@Nullable Document best;

		final List<Document> others = new ArrayList<>();

		Fused(int firstSeen) {
			this.firstSeen = firstSeen;
		}

		void add(Document document, int rank, int list, double contribution) {
			this.score += contribution;
			if (rank < this.bestRank || (rank == this.bestRank && list < this.bestList)) {
				if (this.best != null) {
					this.others.add(this.best);
				}
				this.best = document;
				this.bestRank = rank;
				this.bestList = list;
			}
			else {
				this.others.add(document);
			}
		}

		Document toDocument(int fusedRank) {
			Document best = this.best;
			Assert.state(best != null, "a fused entry always has a document");
			Map<String, Object> metadata = new HashMap<>();
			for (Document other : this.others) {
				metadata.putAll(other.getMetadata());
			}
			metadata.putAll(best.getMetadata());
			metadata.put(RetrievalDocumentMetadata.FUSED_SCORE, this.score);
			metadata.put(RetrievalDocumentMetadata.FUSED_RANK, fusedRank);
			Document.Builder builder = Document.builder().id(best.getId()).metadata(metadata).score(this.score);
			if (best.getMedia() != null) {
				builder.media(best.getMedia());
			}
			else {
				builder.text(best.getText());
			}
			Document copy = builder.build();
			copy.setContentFormatter(best.getContentFormatter());
			return copy;
		}

	}

	/** Builder for {@link ReciprocalRankFusionDocumentJoiner}. */
	public static final class Builder {

		private int k = DEFAULT_K;

		private List<Double> weights = List.of();

		private int limit = Integer.MAX_VALUE;

		private Builder() {
		}

		/** The smoothing constant added to every rank; 60 unless set. */
		public Builder k(int k) {
			this.k = k;
			return this;
		}

		/** Weight of each list position (retriever); missing positions weigh 1. */
		public Builder weights(List<Double> weights) {
			Assert.notNull(weights, "weights must not be null (ReciprocalRankFusionDocumentJoiner.Builder#weights)");
			this.weights = weights;
			return this;
		}

		public Builder weights(double... weights) {
			List<Double> list = new ArrayList<>(weights.length);
			for (double weight : weights) {
				list.add(weight);
			}
			return weights(list);
		}

		/** Maximum number of fused documents returned; unlimited unless set. */
		public Builder limit(int limit) {
			this.limit = limit;
			return this;
		}

		public ReciprocalRankFusionDocumentJoiner build() {
			return new ReciprocalRankFusionDocumentJoiner(this);
		}

	}

}

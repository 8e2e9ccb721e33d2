package dev.reranker.example.search;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One passage in one of the two orders.
 *
 * @param id the document id
 * @param text the passage text
 * @param rank 1-based position in this order
 * @param score the score of this order (retrieval score or rerank score), if any
 * @param firstStageRank 1-based position in the first-stage order
 * @param firstStageScore the retrieval score, if any
 * @param movement first-stage rank minus rerank rank: positive moved up (reranked order
 * only)
 * @param kept whether the passage makes the cut: within top-n and not below min-score
 * (reranked order only; always true in the first-stage order)
 * @param metadata the document's metadata (source, passage id …)
 */
public record RankedPassage(String id, String text, int rank, @Nullable Double score, int firstStageRank,
		@Nullable Double firstStageScore, @Nullable Integer movement, boolean kept, Map<String, Object> metadata) {
}

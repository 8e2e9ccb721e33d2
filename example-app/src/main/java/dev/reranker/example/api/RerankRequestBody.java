package dev.reranker.example.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/rerank}.
 *
 * @param query the query
 * @param passages the passages to rank
 * @param topN how many passages make the cut (default: reranker.top-n)
 * @param minScore rerank score below which passages are cut (default: reranker.min-score)
 * @param ordering {@code score} or {@code lost-in-the-middle} (default:
 * reranker.ordering)
 * @param tokenBudget tokens the context may take (default: reranker.token-budget)
 * @param longDocuments {@code truncate} or {@code max-passage} (default:
 * reranker.long-documents.strategy)
 * @param window tokens per window with max-passage (default: the model's room)
 */
public record RerankRequestBody(@Nullable String query, @Nullable List<String> passages, @Nullable Integer topN,
		@Nullable Double minScore, @Nullable String ordering, @Nullable Integer tokenBudget,
		@Nullable String longDocuments, @Nullable Integer window) {
}

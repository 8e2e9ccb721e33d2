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
 */
public record RerankRequestBody(@Nullable String query, @Nullable List<String> passages, @Nullable Integer topN,
		@Nullable Double minScore) {
}

package dev.reranker.example.search;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The first-stage order and the reranked order of the same candidates.
 *
 * @param query the query
 * @param firstStage how the candidates were found
 * @param firstStageScoreKind what the first stage's scores are (similarity, fused RRF
 * score)
 * @param provider the rerank provider
 * @param model the rerank model
 * @param topN how many passages make the cut
 * @param minScore the rerank score below which passages are cut, if any
 * @param fallback whether reranking failed and the first-stage order was kept
 * @param firstStageResults candidates in first-stage order, with retrieval scores
 * @param reranked the same candidates in rerank order, with rerank scores
 * @param timings milliseconds spent per stage
 * @param context what the LLM would get: the passages that make the cut after the context
 * steps (token budget, ordering), in prompt order
 */
public record RerankComparison(String query, String firstStage, String firstStageScoreKind, String provider,
		String model, int topN, @Nullable Double minScore, boolean fallback, List<RankedPassage> firstStageResults,
		List<RankedPassage> reranked, Timings timings, Context context) {

	/**
	 * The LLM's context.
	 *
	 * @param ordering the order in the prompt ({@code score} or
	 * {@code lost-in-the-middle})
	 * @param tokenBudget the token budget, if any
	 * @param longDocuments {@code truncate} or {@code max-passage}
	 * @param window tokens per window with max-passage, if set ({@code null}: the model's
	 * room)
	 * @param passages the passages in prompt order
	 * @param tokens their estimated tokens together
	 */
	public record Context(String ordering, @Nullable Integer tokenBudget, String longDocuments,
			@Nullable Integer window, List<ContextPassage> passages, int tokens) {
	}

	/**
	 * A passage of the context.
	 *
	 * @param id the document id
	 * @param rank its rank in the reranked order
	 * @param tokens its estimated tokens (JTokkit, as the token budget counts)
	 */
	public record ContextPassage(String id, int rank, int tokens) {
	}

	/**
	 * Milliseconds per stage.
	 *
	 * @param firstStageMs retrieval (or, for given passages, embedding them)
	 * @param rerankMs reranking
	 * @param totalMs both
	 */
	public record Timings(double firstStageMs, double rerankMs, double totalMs) {
	}

}

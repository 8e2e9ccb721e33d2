package dev.reranker.eval.report;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.answers.AnswerScore;
import dev.reranker.eval.metrics.QualityMetrics;

/**
 * What one configuration returned for one query, and how good it was.
 *
 * @param queryId the query id
 * @param ranking the document ids in the order evaluated, best first
 * @param quality the query's figures
 * @param answer the answer generated from the ranking's top documents and its scores, or
 * {@code null} when answers were not evaluated (no {@code eval.answers}, or no reference
 * answer for the query)
 */
public record QueryRun(String queryId, List<String> ranking, QualityMetrics quality, @Nullable AnswerScore answer) {

	public QueryRun {
		ranking = List.copyOf(ranking);
	}

	/**
	 * A query's ranking and figures without an answer.
	 * @param queryId the query id
	 * @param ranking the document ids, best first
	 * @param quality the query's figures
	 */
	public QueryRun(String queryId, List<String> ranking, QualityMetrics quality) {
		this(queryId, ranking, quality, null);
	}

	/**
	 * @param answer the answer and its scores
	 * @return this query's run with the answer
	 */
	public QueryRun withAnswer(AnswerScore answer) {
		return new QueryRun(this.queryId, this.ranking, this.quality, answer);
	}

}

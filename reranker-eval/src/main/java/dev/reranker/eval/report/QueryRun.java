package dev.reranker.eval.report;

import java.util.List;

import dev.reranker.eval.metrics.QualityMetrics;

/**
 * What one configuration returned for one query, and how good it was.
 *
 * @param queryId the query id
 * @param ranking the document ids in the order evaluated, best first
 * @param quality the query's figures
 */
public record QueryRun(String queryId, List<String> ranking, QualityMetrics quality) {

	public QueryRun {
		ranking = List.copyOf(ranking);
	}

}

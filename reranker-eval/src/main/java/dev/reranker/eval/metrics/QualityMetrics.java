package dev.reranker.eval.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The quality figures the tool reports, for one query or averaged over queries.
 *
 * @param ndcg10 nDCG@10 with graded gains
 * @param mrr10 MRR@10
 * @param recall5 recall@5
 * @param recall10 recall@10
 * @param recall50 recall@50
 * @param recall100 recall@100
 * @see RankingMetrics
 */
public record QualityMetrics(double ndcg10, double mrr10, double recall5, double recall10, double recall50,
		double recall100) {

	/**
	 * Scores one query's ranking.
	 * @param ranking document ids, best first
	 * @param judgments the query's judgments
	 * @return the figures
	 */
	public static QualityMetrics of(List<String> ranking, Map<String, Integer> judgments) {
		return new QualityMetrics(RankingMetrics.ndcg(ranking, judgments, 10),
				RankingMetrics.reciprocalRank(ranking, judgments, 10), RankingMetrics.recall(ranking, judgments, 5),
				RankingMetrics.recall(ranking, judgments, 10), RankingMetrics.recall(ranking, judgments, 50),
				RankingMetrics.recall(ranking, judgments, 100));
	}

	/**
	 * Arithmetic mean over queries (trec_eval's summary line).
	 * @param perQuery the figures of each query
	 * @return the means; all 0 when there are no queries
	 */
	public static QualityMetrics mean(Collection<QualityMetrics> perQuery) {
		return new QualityMetrics(mean(perQuery, QualityMetrics::ndcg10), mean(perQuery, QualityMetrics::mrr10),
				mean(perQuery, QualityMetrics::recall5), mean(perQuery, QualityMetrics::recall10),
				mean(perQuery, QualityMetrics::recall50), mean(perQuery, QualityMetrics::recall100));
	}

	private static double mean(Collection<QualityMetrics> values, ToDoubleFunction<QualityMetrics> metric) {
		return values.stream().mapToDouble(metric).average().orElse(0);
	}

}

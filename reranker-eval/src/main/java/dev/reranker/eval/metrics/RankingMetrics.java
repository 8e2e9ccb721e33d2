package dev.reranker.eval.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Ranking quality of one query's result list, with trec_eval's definitions.
 * <ul>
 * <li>A document is relevant when its grade is at least 1; grades below 1 and unjudged
 * documents count as non-relevant with gain 0.</li>
 * <li>nDCG@k ({@code ndcg_cut.k}): DCG = sum over ranks i = 1..k of grade / log2(i + 1);
 * the ideal DCG sorts ALL judged relevant documents of the query by grade (whether
 * retrieved, and whether in the corpus, or not); nDCG = DCG / ideal DCG.</li>
 * <li>MRR@k: 1 / rank of the first relevant document within the first k, else 0 (MS
 * MARCO's MRR@10; trec_eval's {@code recip_rank} is the same without the cut-off).</li>
 * <li>Recall@k ({@code recall.k}): relevant documents within the first k / all relevant
 * documents of the query.</li>
 * <li>A query without relevant documents scores 0 on every metric (trec_eval does the
 * same when the query appears in the qrels).</li>
 * </ul>
 * Ties: the list is evaluated in the order given. trec_eval re-sorts a run by score and
 * breaks ties by document id, descending; this tool evaluates the order the pipeline
 * returns, which is what an application receives (the reranking post-processor keeps
 * first-stage order for equal scores). {@link #trecEvalOrder} gives trec_eval's order for
 * scored runs.
 */
public final class RankingMetrics {

	private RankingMetrics() {
	}

	/**
	 * Normalized discounted cumulative gain at {@code k}.
	 * @param ranking document ids, best first, without duplicates
	 * @param judgments document id to grade for this query
	 * @param k the cut-off
	 * @return nDCG@k in [0, 1]
	 */
	public static double ndcg(List<String> ranking, Map<String, Integer> judgments, int k) {
		checkArguments(ranking, k);
		double dcg = 0;
		for (int i = 0; i < Math.min(k, ranking.size()); i++) {
			dcg += gain(judgments.get(ranking.get(i))) / log2(i + 2);
		}
		List<Integer> ideal = new ArrayList<>();
		for (Integer grade : judgments.values()) {
			if (grade != null && grade > 0) {
				ideal.add(grade);
			}
		}
		ideal.sort((a, b) -> Integer.compare(b, a));
		double idealDcg = 0;
		for (int i = 0; i < Math.min(k, ideal.size()); i++) {
			idealDcg += ideal.get(i) / log2(i + 2);
		}
		return (idealDcg == 0) ? 0 : dcg / idealDcg;
	}

	/**
	 * Reciprocal rank of the first relevant document within the first {@code k}.
	 * @param ranking document ids, best first, without duplicates
	 * @param judgments document id to grade for this query
	 * @param k the cut-off
	 * @return 1/rank, or 0 when no relevant document is in the first k
	 */
	public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgments, int k) {
		checkArguments(ranking, k);
		for (int i = 0; i < Math.min(k, ranking.size()); i++) {
			if (gain(judgments.get(ranking.get(i))) > 0) {
				return 1.0 / (i + 1);
			}
		}
		return 0;
	}

	/**
	 * Fraction of the query's relevant documents found in the first {@code k}.
	 * @param ranking document ids, best first, without duplicates
	 * @param judgments document id to grade for this query
	 * @param k the cut-off
	 * @return recall@k in [0, 1]; 0 when the query has no relevant document
	 */
	public static double recall(List<String> ranking, Map<String, Integer> judgments, int k) {
		checkArguments(ranking, k);
		long relevant = judgments.values().stream().filter(grade -> grade != null && grade > 0).count();
		if (relevant == 0) {
			return 0;
		}
		int found = 0;
		for (int i = 0; i < Math.min(k, ranking.size()); i++) {
			if (gain(judgments.get(ranking.get(i))) > 0) {
				found++;
			}
		}
		return (double) found / relevant;
	}

	/**
	 * Orders a scored run the way trec_eval does before evaluating it: by score,
	 * descending, ties broken by document id in descending (byte-wise) order.
	 * @param scores document id to score
	 * @return the document ids in trec_eval's order
	 */
	public static List<String> trecEvalOrder(Map<String, Double> scores) {
		List<String> ids = new ArrayList<>(scores.keySet());
		ids.sort((a, b) -> {
			int byScore = Double.compare(scoreOf(scores, b), scoreOf(scores, a));
			return (byScore != 0) ? byScore : b.compareTo(a);
		});
		return ids;
	}

	private static double scoreOf(Map<String, Double> scores, String id) {
		Double score = scores.get(id);
		return (score != null) ? score : Double.NEGATIVE_INFINITY;
	}

	private static void checkArguments(List<String> ranking, int k) {
		Assert.isTrue(k >= 1, () -> "k must be >= 1 but was " + k);
		Set<String> seen = new HashSet<>();
		for (String id : ranking) {
			Assert.isTrue(seen.add(id), () -> "document '" + id + "' appears more than once in the ranking");
		}
	}

	private static double gain(@Nullable Integer grade) {
		return (grade == null || grade < 0) ? 0 : grade;
	}

	private static double log2(int value) {
		return Math.log(value) / Math.log(2);
	}

}

package dev.reranker.retrieval;

import java.util.List;
import java.util.Map;

/**
 * nDCG@k as trec_eval computes it: gain = graded relevance, discount = log2(rank + 1),
 * normalized by the ideal ordering of all judged relevant documents.
 */
public final class Ndcg {

	private Ndcg() {
	}

	public static double at(int k, List<String> ranked, Map<String, Integer> judgments) {
		double dcg = 0;
		for (int i = 0; i < ranked.size() && i < k; i++) {
			dcg += judgments.getOrDefault(ranked.get(i), 0) / log2(i + 2);
		}
		List<Integer> ideal = judgments.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
		double idcg = 0;
		for (int i = 0; i < ideal.size() && i < k; i++) {
			idcg += ideal.get(i) / log2(i + 2);
		}
		return idcg == 0 ? 0 : dcg / idcg;
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

}

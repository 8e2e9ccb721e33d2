package dev.reranker.eval.answers;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A configuration's answer scores averaged over the queries that have a reference answer.
 *
 * @param queries queries answered (evaluated queries with a reference answer)
 * @param ndcg10 the configuration's mean nDCG@10 on those queries only, to read next to
 * the answer scores
 * @param topK documents put in each prompt
 * @param exactMatch mean exact match
 * @param f1 mean token F1
 * @param judge mean judge score in {@code [0, 1]}, or {@code null} without a judge
 * @param judgeUnparsed judge replies without a grade (each scored 0)
 */
public record AnswerQuality(int queries, double ndcg10, int topK, double exactMatch, double f1, @Nullable Double judge,
		int judgeUnparsed) {

	/**
	 * @param scores the per-query scores
	 * @param ndcg10 the same queries' nDCG@10, in any order
	 * @param topK documents per prompt
	 * @return their means
	 */
	public static AnswerQuality mean(List<AnswerScore> scores, List<Double> ndcg10, int topK) {
		boolean judged = !scores.isEmpty() && scores.stream().allMatch(score -> score.judge() != null);
		return new AnswerQuality(scores.size(), ndcg10.stream().mapToDouble(Double::doubleValue).average().orElse(0),
				topK, scores.stream().mapToDouble(AnswerScore::exactMatch).average().orElse(0),
				scores.stream().mapToDouble(AnswerScore::f1).average().orElse(0),
				judged ? scores.stream()
					.map(AnswerScore::judge)
					.filter(Objects::nonNull)
					.mapToDouble(Double::doubleValue)
					.average()
					.orElse(0) : null,
				(int) scores.stream().filter(AnswerScore::judgeUnparsed).count());
	}

}

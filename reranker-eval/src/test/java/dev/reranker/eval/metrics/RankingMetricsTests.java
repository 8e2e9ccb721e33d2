package dev.reranker.eval.metrics;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Each expected value is written out with trec_eval's formulas (gain = grade, discount
 * log2(rank + 1), ideal from all judged relevant documents) and, where useful, the
 * decimal trec_eval prints for the same run and qrels.
 */
class RankingMetricsTests {

	private static final Map<String, Integer> GRADED = Map.of("a", 3, "b", 2, "c", 1, "d", 0);

	@Test
	void ndcgUsesGradesAsGainsAndLog2RankPlusOneAsDiscount() {
		// ranks: d (0), a (3), x (unjudged), c (1), b (2)
		double dcg = 3 / log2(3) + 1 / log2(5) + 2 / log2(6);
		double ideal = 3 / log2(2) + 2 / log2(3) + 1 / log2(4);
		double ndcg = RankingMetrics.ndcg(List.of("d", "a", "x", "c", "b"), GRADED, 10);
		assertThat(ndcg).isCloseTo(dcg / ideal, within(1e-12)).isCloseTo(0.6504, within(5e-5));
	}

	@Test
	void ndcgCutsBothTheRankingAndTheIdealAtK() {
		// @2: ranking d, a -> 3/log2(3); ideal a, b -> 3 + 2/log2(3)
		double ndcg = RankingMetrics.ndcg(List.of("d", "a", "x", "c", "b"), GRADED, 2);
		assertThat(ndcg).isCloseTo((3 / log2(3)) / (3 + 2 / log2(3)), within(1e-12));
	}

	@Test
	void perfectRankingScoresOne() {
		assertThat(RankingMetrics.ndcg(List.of("a", "b", "c", "d"), GRADED, 10)).isCloseTo(1.0, within(1e-12));
		assertThat(RankingMetrics.ndcg(List.of("a", "b", "c"), GRADED, 3)).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void relevantDocumentsThatWereNotRetrievedStillCountInTheIdeal() {
		// only "a" (grade 3) is retrieved, at rank 1; b and c are missing from the list
		double ndcg = RankingMetrics.ndcg(List.of("a"), GRADED, 10);
		assertThat(ndcg).isCloseTo(3 / (3 + 2 / log2(3) + 1 / log2(4)), within(1e-12));
		assertThat(RankingMetrics.recall(List.of("a"), GRADED, 10)).isCloseTo(1.0 / 3, within(1e-12));
	}

	@Test
	void negativeGradesAreNonRelevantWithZeroGain() {
		Map<String, Integer> judgments = Map.of("a", -1, "b", 1);
		assertThat(RankingMetrics.ndcg(List.of("a", "b"), judgments, 10)).isCloseTo(1 / log2(3), within(1e-12));
		assertThat(RankingMetrics.reciprocalRank(List.of("a", "b"), judgments, 10)).isEqualTo(0.5);
		assertThat(RankingMetrics.recall(List.of("a", "b"), judgments, 1)).isZero();
	}

	@Test
	void reciprocalRankIsOneOverTheFirstRelevantRankWithinK() {
		List<String> ranking = List.of("x", "d", "c", "a");
		assertThat(RankingMetrics.reciprocalRank(ranking, GRADED, 10)).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(RankingMetrics.reciprocalRank(ranking, GRADED, 2)).isZero();
		assertThat(RankingMetrics.reciprocalRank(List.of("a"), GRADED, 10)).isEqualTo(1.0);
	}

	@Test
	void mrrAtTenIgnoresARelevantDocumentAtRankEleven() {
		List<String> ranking = List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "a");
		assertThat(RankingMetrics.reciprocalRank(ranking, GRADED, 10)).isZero();
		assertThat(RankingMetrics.reciprocalRank(ranking, GRADED, 11)).isCloseTo(1.0 / 11, within(1e-12));
	}

	@Test
	void recallCountsRelevantDocumentsWithinK() {
		Map<String, Integer> judgments = Map.of("r1", 1, "r2", 2, "r3", 1, "r4", 4, "n", 0);
		List<String> ranking = List.of("r2", "n", "x", "r4", "y", "r1");
		assertThat(RankingMetrics.recall(ranking, judgments, 5)).isEqualTo(0.5);
		assertThat(RankingMetrics.recall(ranking, judgments, 6)).isEqualTo(0.75);
		assertThat(RankingMetrics.recall(ranking, judgments, 100)).isEqualTo(0.75);
	}

	@Test
	void queryWithoutRelevantDocumentsScoresZeroEverywhere() {
		Map<String, Integer> onlyNonRelevant = Map.of("a", 0, "b", -2);
		List<String> ranking = List.of("a", "b");
		assertThat(RankingMetrics.ndcg(ranking, onlyNonRelevant, 10)).isZero();
		assertThat(RankingMetrics.reciprocalRank(ranking, onlyNonRelevant, 10)).isZero();
		assertThat(RankingMetrics.recall(ranking, onlyNonRelevant, 10)).isZero();
		assertThat(RankingMetrics.ndcg(ranking, Map.of(), 10)).isZero();
	}

	@Test
	void emptyRankingScoresZero() {
		assertThat(RankingMetrics.ndcg(List.of(), GRADED, 10)).isZero();
		assertThat(RankingMetrics.reciprocalRank(List.of(), GRADED, 10)).isZero();
		assertThat(RankingMetrics.recall(List.of(), GRADED, 10)).isZero();
	}

	@Test
	void tiedDocumentsAreEvaluatedInTheOrderGiven() {
		// a and b tied in score: the order the pipeline returned decides the metric
		Map<String, Integer> judgments = Map.of("a", 1);
		assertThat(RankingMetrics.reciprocalRank(List.of("a", "b"), judgments, 10)).isEqualTo(1.0);
		assertThat(RankingMetrics.reciprocalRank(List.of("b", "a"), judgments, 10)).isEqualTo(0.5);
	}

	@Test
	void trecEvalOrderSortsByScoreThenByDocumentIdDescending() {
		Map<String, Double> run = Map.of("d1", 0.5, "d2", 0.5, "d3", 0.9, "d10", 0.5, "d0", 0.1);
		assertThat(RankingMetrics.trecEvalOrder(run)).containsExactly("d3", "d2", "d10", "d1", "d0");
	}

	@Test
	void duplicateDocumentsInARankingAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RankingMetrics.ndcg(List.of("a", "a"), GRADED, 10))
			.withMessageContaining("'a' appears more than once");
	}

	@Test
	void cutOffMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> RankingMetrics.recall(List.of("a"), GRADED, 0))
			.withMessageContaining("k must be >= 1");
	}

	@Test
	void qualityMetricsAverageOverQueriesLikeTrecEvalsSummary() {
		QualityMetrics first = QualityMetrics.of(List.of("a", "b", "c"), GRADED);
		QualityMetrics second = QualityMetrics.of(List.of("x"), GRADED);
		QualityMetrics mean = QualityMetrics.mean(List.of(first, second));
		assertThat(first.ndcg10()).isCloseTo(1.0, within(1e-12));
		assertThat(second.ndcg10()).isZero();
		assertThat(mean.ndcg10()).isCloseTo(0.5, within(1e-12));
		assertThat(mean.mrr10()).isEqualTo(0.5);
		assertThat(mean.recall5()).isEqualTo(0.5);
		assertThat(QualityMetrics.mean(List.of()).ndcg10()).isZero();
	}

	private static double log2(double value) {
		return Math.log(value) / Math.log(2);
	}

}

package dev.reranker;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Cutoff} alone and inside {@link RankingPolicy}: ratios and gaps of the kept
 * scores, within top-n, never below min-results.
 */
class CutoffTests {

	private static final List<Double> SCORES = List.of(0.90, 0.85, 0.30, 0.20, 0.10);

	@Test
	void relativeKeepsScoresAtLeastTheRatioOfTheBest() {
		assertThat(Cutoff.relative(0.5).keep(SCORES)).isEqualTo(2);
		assertThat(Cutoff.relative(0.3).keep(SCORES)).isEqualTo(3);
		assertThat(Cutoff.relative(1.0).keep(List.of(0.4, 0.4, 0.39))).isEqualTo(2);
	}

	@Test
	void gapCutsAtTheLargestDrop() {
		assertThat(Cutoff.gap().keep(SCORES)).isEqualTo(2);
		assertThat(Cutoff.gap().keep(List.of(0.5, 0.2, 0.19, 0.0))).isEqualTo(1);
	}

	@Test
	void gapOfEqualScoresKeepsThemAll() {
		assertThat(Cutoff.gap().keep(List.of(0.5, 0.5, 0.5))).isEqualTo(3);
		assertThat(Cutoff.gap().keep(List.of(0.7))).isEqualTo(1);
		assertThat(Cutoff.gap().keep(List.of())).isZero();
	}

	@Test
	void ratioOutsideZeroToOneIsRejectedNamingTheMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cutoff.relative(0))
			.withMessage("ratio must be in (0, 1] but was 0.0 (Cutoff#relative)");
		assertThatIllegalArgumentException().isThrownBy(() -> Cutoff.relative(1.5))
			.withMessageContaining("but was 1.5");
	}

	@Test
	void policyCutsWithinTopNAndKeepsMinResults() {
		double[] scores = { 0.10, 0.90, 0.30, 0.85, 0.20 };
		List<Integer> candidates = List.of(0, 1, 2, 3, 4);

		RankingPolicy gap = RankingPolicy.builder().topN(4).cutoff(Cutoff.gap()).build();
		assertThat(gap.rank(5, candidates, scores)).extracting(RankingPolicy.Ranked::position).containsExactly(1, 3);

		RankingPolicy floor = RankingPolicy.builder().topN(4).minResults(3).cutoff(Cutoff.relative(0.9)).build();
		assertThat(floor.rank(5, candidates, scores)).extracting(RankingPolicy.Ranked::position)
			.containsExactly(1, 3, 2);
	}

	@Test
	void policyWithACutoffAddsNoUnscoredDocuments() {
		RankingPolicy policy = RankingPolicy.builder().topN(5).cutoff(Cutoff.relative(0.1)).build();

		// Positions 1 and 3 have no text, so they were not scored.
		assertThat(policy.rank(4, List.of(0, 2), new double[] { 0.4, 0.8 })).extracting(RankingPolicy.Ranked::position)
			.containsExactly(2, 0);
		assertThat(RankingPolicy.builder().topN(5).build().rank(4, List.of(0, 2), new double[] { 0.4, 0.8 }))
			.extracting(RankingPolicy.Ranked::position)
			.containsExactly(2, 0, 1, 3);
	}

	@Test
	void overridesKeepTheCutoff() {
		RankingPolicy policy = RankingPolicy.builder().cutoff(Cutoff.gap()).build();

		assertThat(policy.withOverrides(3, 0.2).getCutoff()).isEqualTo(Cutoff.gap());
		assertThat(policy.mutate().build().getCutoff()).isEqualTo(Cutoff.gap());
	}

}

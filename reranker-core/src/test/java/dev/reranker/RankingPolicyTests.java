package dev.reranker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reranker.RankingPolicy.Ranked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RankingPolicyTests {

	private static final RankingPolicy DEFAULT = RankingPolicy.builder().build();

	@Test
	void scoredPositionsAreSortedDescendingWithTiesInFirstStageOrder() {
		List<Ranked> ranked = DEFAULT.rank(4, List.of(0, 1, 2, 3), new double[] { 0.2, 0.9, 0.5, 0.9 });

		assertThat(ranked).containsExactly(new Ranked(1, 0.9), new Ranked(3, 0.9), new Ranked(2, 0.5),
				new Ranked(0, 0.2));
	}

	@Test
	void atMostTopNAreKept() {
		RankingPolicy policy = RankingPolicy.builder().topN(2).build();

		assertThat(positions(policy.rank(4, List.of(0, 1, 2, 3), new double[] { 0.1, 0.4, 0.3, 0.2 })))
			.containsExactly(1, 2);
	}

	@Test
	void withoutMinScoreUnscoredPositionsFollowInFirstStageOrder() {
		List<Ranked> ranked = DEFAULT.rank(5, List.of(1, 3), new double[] { 0.3, 0.7 });

		assertThat(ranked).containsExactly(new Ranked(3, 0.7), new Ranked(1, 0.3), new Ranked(0, null),
				new Ranked(2, null), new Ranked(4, null));
	}

	@Test
	void minScoreDropsLowScoresAndUnscoredPositionsButKeepsTheBestMinResults() {
		RankingPolicy threshold = RankingPolicy.builder().minScore(0.5).build();
		RankingPolicy floor = threshold.mutate().minResults(2).build();
		double[] scores = { 0.6, 0.1, 0.3 };

		assertThat(positions(threshold.rank(4, List.of(0, 1, 2), scores))).containsExactly(0);
		assertThat(positions(floor.rank(4, List.of(0, 1, 2), scores))).containsExactly(0, 2);
	}

	@Test
	void candidatesAreTheFirstMaxCandidatesPositionsWithText() {
		RankingPolicy policy = RankingPolicy.builder().maxCandidates(4).build();

		assertThat(policy.candidates(Arrays.asList("a", null, " ", "b", "c"))).containsExactly(0, 3);
	}

	@Test
	void fallbackKeepsTheFirstTopNInFirstStageOrderWithoutScores() {
		RankingPolicy policy = RankingPolicy.builder().topN(2).minScore(0.9).build();

		assertThat(policy.fallback(3)).containsExactly(new Ranked(0, null), new Ranked(1, null));
		assertThat(policy.fallback(1)).containsExactly(new Ranked(0, null));
	}

	@Test
	void queryContextOverridesTopNAndMinScoreAsNumbersOrStrings() {
		RankingPolicy policy = RankingPolicy.builder().topN(5).minResults(3).build();

		RankingPolicy call = policy
			.forContext(Map.of(RankingPolicy.TOP_N_CONTEXT_KEY, "2", RankingPolicy.MIN_SCORE_CONTEXT_KEY, 0.25));

		assertThat(call.getTopN()).isEqualTo(2);
		assertThat(call.getMinScore()).isEqualTo(0.25);
		assertThat(call.getMinResults()).as("capped at the call's top-n").isEqualTo(2);
		assertThat(policy.forContext(Map.of())).isSameAs(policy);
	}

	@Test
	void invalidQueryContextValuesAreRejectedNamingTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DEFAULT.forContext(Map.of(RankingPolicy.TOP_N_CONTEXT_KEY, 1.5)))
			.withMessageContaining("'reranker.top-n' must be an integer >= 1 but was '1.5'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DEFAULT.forContext(Map.of(RankingPolicy.MIN_SCORE_CONTEXT_KEY, "high")))
			.withMessageContaining("'reranker.min-score' must be a number between 0 and 1 but was 'high'");
	}

	@Test
	void invalidSettingsAreRejectedNamingTheBuilderMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> RankingPolicy.builder().topN(0).build())
			.withMessageContaining("topN must be >= 1 but was 0")
			.withMessageContaining("RankingPolicy.Builder#topN");
		assertThatIllegalArgumentException().isThrownBy(() -> RankingPolicy.builder().minScore(Double.NaN).build())
			.withMessageContaining("RankingPolicy.Builder#minScore");
		assertThatIllegalArgumentException().isThrownBy(() -> RankingPolicy.builder().topN(2).minResults(3).build())
			.withMessageContaining("minResults (3) must not exceed topN (2)");
		assertThatIllegalArgumentException().isThrownBy(() -> RankingPolicy.builder().maxCandidates(0).build())
			.withMessageContaining("RankingPolicy.Builder#maxCandidates");
	}

	private static List<Integer> positions(List<Ranked> ranked) {
		return ranked.stream().map(Ranked::position).toList();
	}

}

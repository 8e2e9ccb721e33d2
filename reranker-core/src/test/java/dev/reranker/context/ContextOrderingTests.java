package dev.reranker.context;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ContextOrdering}: best at both ends for lost-in-the-middle, nothing lost or
 * duplicated, the input untouched.
 */
class ContextOrderingTests {

	@Test
	void lostInTheMiddlePutsOddRanksFirstAndEvenRanksBackwardsAtTheEnd() {
		assertThat(ContextOrdering.LOST_IN_THE_MIDDLE.arrange(List.of("r1", "r2", "r3", "r4", "r5")))
			.containsExactly("r1", "r3", "r5", "r4", "r2");
		assertThat(ContextOrdering.LOST_IN_THE_MIDDLE.arrange(List.of("r1", "r2", "r3", "r4", "r5", "r6")))
			.containsExactly("r1", "r3", "r5", "r6", "r4", "r2");
	}

	@Test
	void shortListsAndScoreOrderStayAsRanked() {
		assertThat(ContextOrdering.LOST_IN_THE_MIDDLE.arrange(List.of("r1", "r2"))).containsExactly("r1", "r2");
		assertThat(ContextOrdering.SCORE.arrange(List.of("r1", "r2", "r3"))).containsExactly("r1", "r2", "r3");
		assertThat(ContextOrdering.LOST_IN_THE_MIDDLE.arrange(List.of())).isEmpty();
	}

	@Test
	void arrangingReturnsANewListAndLeavesTheInputAlone() {
		List<String> ranked = new java.util.ArrayList<>(List.of("r1", "r2", "r3"));

		List<String> arranged = ContextOrdering.LOST_IN_THE_MIDDLE.arrange(ranked);
		arranged.clear();

		assertThat(ranked).containsExactly("r1", "r2", "r3");
	}

}

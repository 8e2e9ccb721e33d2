package dev.reranker.local;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TokenCostModelTests {

	@Test
	void workGrowsWithTheSquareOfThePairLength() {
		assertThat(TokenCostModel.units(2304)).isEqualTo(2 * 2304.0);
		assertThat(TokenCostModel.units(100)).isCloseTo(100 + 10_000 / 2304.0, within(1e-9));
	}

	@Test
	void scoresTheFirstPairsThatFitTheBudget() {
		// 1 µs per unit: a 100-token pair costs about 104 µs
		TokenCostModel model = new TokenCostModel(1_000);
		int[] lengths = { 100, 100, 100, 100, 100 };

		assertThat(model.affordable(lengths, Duration.ofNanos(350_000))).isEqualTo(3);
		assertThat(model.affordable(lengths, Duration.ofSeconds(1))).isEqualTo(5);
	}

	@Test
	void scoresAtLeastOnePairHoweverSmallTheBudget() {
		TokenCostModel model = new TokenCostModel(1_000);

		assertThat(model.affordable(new int[] { 500, 10 }, Duration.ofNanos(1))).isEqualTo(1);
		assertThat(model.affordable(new int[] { 500 }, Duration.ofMillis(-5))).isEqualTo(1);
		assertThat(model.affordable(new int[0], Duration.ofSeconds(1))).isZero();
	}

	@Test
	void followsObservedCallsSoASlowerMachineScoresFewer() {
		TokenCostModel model = new TokenCostModel(1_000);
		int[] lengths = { 100, 100, 100, 100, 100 };
		int before = model.affordable(lengths, Duration.ofNanos(350_000));

		for (int i = 0; i < 10; i++) {
			// calls now take four times as long per unit
			model.observe(1_000, 4_000_000);
		}

		assertThat(model.nanosPerUnit()).isCloseTo(4_000, within(200.0));
		assertThat(model.affordable(lengths, Duration.ofNanos(350_000))).isLessThan(before).isEqualTo(1);
	}

}

package dev.reranker.local;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenBudgetBatchesTests {

	@Test
	void batchesHoldAtMostTheTokenBudgetOfPaddedTokens() {
		int[] lengths = { 100, 30, 250, 30, 60, 400, 90, 31 };
		List<int[]> plan = new TokenBudgetBatches(300, 64).plan(lengths);

		for (int[] batch : plan) {
			int longest = 0;
			for (int index : batch) {
				longest = Math.max(longest, lengths[index]);
			}
			assertThat(batch.length == 1 || batch.length * longest <= 300)
				.as("batch %s pads to %d tokens", java.util.Arrays.toString(batch), batch.length * longest)
				.isTrue();
		}
	}

	@Test
	void shortPairsShareBatchesLongPairsRunAlone() {
		int[] lengths = { 400, 20, 20, 20, 20, 20 };
		List<int[]> plan = new TokenBudgetBatches(100, 64).plan(lengths);

		assertThat(plan).hasSize(2);
		assertThat(plan.get(0)).containsExactly(0);
		assertThat(plan.get(1)).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void everyPairIsPlannedExactlyOnceLongestFirst() {
		int[] lengths = { 12, 87, 33, 87, 5, 64, 64, 200, 1, 45 };
		List<int[]> plan = new TokenBudgetBatches(128, 3).plan(lengths);

		List<Integer> seen = new ArrayList<>();
		int previous = Integer.MAX_VALUE;
		for (int[] batch : plan) {
			assertThat(batch.length).isBetween(1, 3);
			for (int index : batch) {
				assertThat(lengths[index]).isLessThanOrEqualTo(previous);
				previous = lengths[index];
				seen.add(index);
			}
		}
		assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		// equal lengths keep input order
		assertThat(seen.indexOf(1)).isLessThan(seen.indexOf(3));
	}

	@Test
	void pairLimitCapsBatchesOfShortPairs() {
		int[] lengths = new int[10];
		java.util.Arrays.fill(lengths, 10);

		assertThat(new TokenBudgetBatches(10_000, 4).plan(lengths)).extracting((batch) -> batch.length)
			.containsExactly(4, 4, 2);
	}

	@Test
	void rejectsBudgetsBelowOneNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBudgetBatches(0, 4))
			.withMessageContaining("LocalRerankModel.Builder#batchTokens");
	}

}

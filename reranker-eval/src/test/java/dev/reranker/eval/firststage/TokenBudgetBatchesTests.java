package dev.reranker.eval.firststage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBudgetBatchesTests {

	/** One token per word, as a stand-in tokenizer whose counts a test can predict. */
	private static final ToIntFunction<String> WORDS = text -> text.split(" ").length;

	@Test
	void textsAreSortedByTokensAndBatchesStayWithinTheTokenBudget() {
		List<String> texts = List.of("a b c d e f", "a", "a b c", "a b", "a b c d", "a b c d e");
		List<List<String>> batches = new TokenBudgetBatches(WORDS, 10, 8).of(texts);
		// 1,2 (2 x 2 = 4; adding 3 would be 3 x 3 = 9 > 8) | 3,4 (2 x 4 = 8) | 5 | 6
		assertThat(batches).containsExactly(List.of("a", "a b"), List.of("a b c", "a b c d"), List.of("a b c d e"),
				List.of("a b c d e f"));
	}

	@Test
	void shortTextsFillABatchUpToMaxTexts() {
		List<String> texts = List.of("a", "b", "c", "d", "e");
		assertThat(new TokenBudgetBatches(WORDS, 2, 1000).of(texts)).containsExactly(List.of("a", "b"),
				List.of("c", "d"), List.of("e"));
	}

	@Test
	void aTextOverTheBudgetGoesAloneAndNothingIsLost() {
		List<String> texts = List.of("a b c d e f g h i j", "a");
		assertThat(new TokenBudgetBatches(WORDS, 32, 4).of(texts)).containsExactly(List.of("a"),
				List.of("a b c d e f g h i j"));
	}

	@Test
	void everyTextAppearsOnceWhateverTheLengths() {
		Random random = new Random(7);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			texts.add("w ".repeat(1 + random.nextInt(300)).trim() + " #" + i);
		}
		List<List<String>> batches = new TokenBudgetBatches(WORDS, 32, 2048).of(texts);
		assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(texts);
		assertThat(batches).allSatisfy(batch -> {
			int longest = batch.stream().mapToInt(WORDS).max().orElseThrow();
			assertThat(batch).hasSizeLessThanOrEqualTo(32);
			assertThat(batch.size() * longest).isLessThanOrEqualTo(Math.max(2048, longest));
		});
	}

}

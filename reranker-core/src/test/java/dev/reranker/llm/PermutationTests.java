package dev.reranker.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Permutation#parse}: RankGPT answers, and a property test that whatever the
 * answer, the result is a permutation with the named labels first.
 */
class PermutationTests {

	@Test
	void aCompleteAnswerIsReadInOrder() {
		Permutation permutation = Permutation.parse("[2] > [3] > [1]", 3);

		assertThat(permutation.order()).containsExactly(1, 2, 0);
		assertThat(permutation.outcome()).isEqualTo(LlmAnswerOutcome.COMPLETE);
	}

	@Test
	void labelsMayCarrySpacesAndSurroundingText() {
		assertThat(Permutation.parse("Ranking: [ 3 ] > [1] >[2].", 3).order()).containsExactly(2, 0, 1);
	}

	@Test
	void bareNumbersAreReadOnlyWhenTheyAreTheWholeAnswer() {
		assertThat(Permutation.parse("3 > 1 > 2", 3).order()).containsExactly(2, 0, 1);
		assertThat(Permutation.parse("3, 1, 2", 3).order()).containsExactly(2, 0, 1);
		Permutation prose = Permutation.parse("Passage 3 is the best, then 1.", 3);
		assertThat(prose.order()).containsExactly(0, 1, 2);
		assertThat(prose.outcome()).isEqualTo(LlmAnswerOutcome.UNPARSEABLE);
	}

	@Test
	void missingLabelsFollowInTheirPreviousOrder() {
		Permutation permutation = Permutation.parse("[4] > [2]", 5);

		assertThat(permutation.order()).containsExactly(3, 1, 0, 2, 4);
		assertThat(permutation.outcome()).isEqualTo(LlmAnswerOutcome.PARTIAL);
	}

	@Test
	void duplicatesAndUnknownLabelsAreIgnoredAndMakeTheAnswerPartial() {
		Permutation permutation = Permutation.parse("[2] > [2] > [0] > [7] > [1] > [3] > [99999999999]", 3);

		assertThat(permutation.order()).containsExactly(1, 0, 2);
		assertThat(permutation.outcome()).isEqualTo(LlmAnswerOutcome.PARTIAL);
	}

	@Test
	void emptyAndNullAnswersKeepTheOrder() {
		assertThat(Permutation.parse("", 3).order()).containsExactly(0, 1, 2);
		assertThat(Permutation.parse("   ", 3).outcome()).isEqualTo(LlmAnswerOutcome.UNPARSEABLE);
	}

	@Test
	void labelsInsideReasoningAreNotTheAnswer() {
		Permutation permutation = Permutation.parse("<think>[1] > [2] > [3]? no.</think>[3] > [2] > [1]", 3);

		assertThat(permutation.order()).containsExactly(2, 1, 0);
		assertThat(permutation.outcome()).isEqualTo(LlmAnswerOutcome.COMPLETE);
	}

	@Test
	void whateverTheAnswerNothingIsLostOrDuplicatedAndNamedLabelsLead() {
		Random random = new Random(20261204L);
		for (int round = 0; round < 5000; round++) {
			int size = 1 + random.nextInt(25);
			List<Integer> labels = new ArrayList<>();
			String answer = randomAnswer(random, size, labels);

			Permutation permutation = Permutation.parse(answer, size);

			String description = "answer '" + answer + "' for " + size + " passages";
			assertThat(permutation.order()).as(description)
				.containsExactlyInAnyOrderElementsOf(IntStream.range(0, size).boxed().toList());
			Set<Integer> named = new LinkedHashSet<>();
			for (int label : labels) {
				if (label >= 1 && label <= size) {
					named.add(label - 1);
				}
			}
			List<Integer> expected = new ArrayList<>(named);
			IntStream.range(0, size).filter(position -> !named.contains(position)).forEach(expected::add);
			assertThat(permutation.order()).as(description).containsExactlyElementsOf(expected);
			LlmAnswerOutcome outcome = named.isEmpty() ? LlmAnswerOutcome.UNPARSEABLE
					: (named.size() == size && labels.size() == size) ? LlmAnswerOutcome.COMPLETE
							: LlmAnswerOutcome.PARTIAL;
			assertThat(permutation.outcome()).as(description).isEqualTo(outcome);
		}
	}

	/** Labels in and out of range, repeated, with separators and noise between them. */
	private static String randomAnswer(Random random, int size, List<Integer> labels) {
		StringBuilder answer = new StringBuilder();
		if (random.nextInt(10) == 0) {
			return "Sorry, I cannot help with ranking.";
		}
		int count = random.nextInt(size * 2 + 2);
		String[] separators = { " > ", ">", ", ", " then ", "\n" };
		for (int i = 0; i < count; i++) {
			int label = random.nextInt(10) == 0 ? random.nextInt(100) : 1 + random.nextInt(size);
			labels.add(label);
			if (i > 0) {
				answer.append(separators[random.nextInt(separators.length)]);
			}
			answer.append('[').append(label).append(']');
		}
		return answer.toString();
	}

}

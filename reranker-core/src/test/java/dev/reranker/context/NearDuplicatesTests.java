package dev.reranker.context;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NearDuplicatesTests {

	@Test
	void keepsTheBestRankedOfNearDuplicates() {
		List<String> ranked = List.of("The plan costs ten euros a month, billed yearly.",
				"Our office is in Lyon, near the station.", "the plan costs ten euros a month billed yearly",
				"The plan costs ten euros a month, billed yearly, taxes included.");
		assertThat(NearDuplicates.of(0.7).remove(ranked, Function.identity())).containsExactly(ranked.get(0),
				ranked.get(1));
	}

	@Test
	void similarityIsJaccardOfThreeWordShingles() {
		// "a b c d" -> {a b c, b c d}; "b c d e" -> {b c d, c d e}: 1 common of 3.
		assertThat(NearDuplicates.similarity("a b c d", "B, c; d e")).isEqualTo(1.0 / 3);
		assertThat(NearDuplicates.similarity("a b", "a b")).isEqualTo(1.0);
		assertThat(NearDuplicates.similarity("", "")).isZero();
	}

	@Test
	void aHighThresholdKeepsDifferentPassages() {
		List<String> ranked = List.of("a b c d e", "a b c d f");
		assertThat(NearDuplicates.of(1).remove(ranked, Function.identity())).containsExactlyElementsOf(ranked);
	}

	@Test
	void textlessDocumentsAreNeverDuplicates() {
		List<String> ranked = java.util.Arrays.asList(null, null);
		assertThat(NearDuplicates.of(0.5).remove(ranked, Function.identity())).hasSize(2);
	}

	@Test
	void rejectsAThresholdOutsideTheRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> NearDuplicates.of(0))
			.withMessageContaining("threshold must be greater than 0 and at most 1");
		assertThatIllegalArgumentException().isThrownBy(() -> NearDuplicates.of(1.5));
	}

}

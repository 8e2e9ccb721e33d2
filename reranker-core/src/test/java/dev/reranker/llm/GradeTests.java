package dev.reranker.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Grade#parse}: the one grade from 0 to 10 in an answer, or none.
 */
class GradeTests {

	@Test
	void aBareIntegerIsTheGrade() {
		assertThat(Grade.parse("7").value()).isEqualTo(7.0);
		assertThat(Grade.parse(" 10\n").score()).isEqualTo(1.0);
		assertThat(Grade.parse("0").score()).isEqualTo(0.0);
	}

	@Test
	void theOneNumberInAShortSentenceIsTheGrade() {
		assertThat(Grade.parse("Grade: 8.").value()).isEqualTo(8.0);
		assertThat(Grade.parse("I would give it a 6").value()).isEqualTo(6.0);
		assertThat(Grade.parse("7.5").score()).isEqualTo(0.75);
	}

	@Test
	void aFractionOfTenIsReadByItsNumerator() {
		assertThat(Grade.parse("7/10").value()).isEqualTo(7.0);
		assertThat(Grade.parse("Relevance: 3 out of 10 on a scale 0-10").value()).isEqualTo(3.0);
	}

	@Test
	void severalDifferentNumbersAreNotGuessedBetween() {
		Grade grade = Grade.parse("On a scale of 0 to 10 I would say 7");

		assertThat(grade.value()).isNull();
		assertThat(grade.outcome()).isEqualTo(LlmAnswerOutcome.UNPARSEABLE);
		assertThat(grade.score()).isEqualTo(0.0);
	}

	@Test
	void numbersOutOfRangeAndTextWithoutNumbersAreUnparseable() {
		assertThat(Grade.parse("11").value()).isNull();
		assertThat(Grade.parse("12/10").value()).isNull();
		assertThat(Grade.parse("-").value()).isNull();
		assertThat(Grade.parse("highly relevant").value()).isNull();
		assertThat(Grade.parse("").value()).isNull();
	}

	@Test
	void reasoningIsSkipped() {
		assertThat(Grade.parse("<think>between 3 and 9, say 9</think>9").value()).isEqualTo(9.0);
	}

}

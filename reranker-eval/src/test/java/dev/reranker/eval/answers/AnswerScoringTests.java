package dev.reranker.eval.answers;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnswerScoringTests {

	@Test
	void normalizationLowerCasesAndDropsPunctuationArticlesAndExtraSpaces() {
		assertThat(AnswerScoring.normalize("  The  Mach-number, of AN airfoil (a test)!  "))
			.isEqualTo("machnumber of airfoil test");
		// articles only as whole words
		assertThat(AnswerScoring.normalize("Theory and analysis")).isEqualTo("theory and analysis");
	}

	@Test
	void exactMatchComparesNormalizedTextsAgainstAnyReference() {
		assertThat(AnswerScoring.exactMatch("The axial compression.", List.of("axial compression"))).isEqualTo(1.0);
		assertThat(AnswerScoring.exactMatch("axial compression loads", List.of("axial compression"))).isZero();
		assertThat(AnswerScoring.exactMatch("a stress level", List.of("axial compression", "stress level")))
			.isEqualTo(1.0);
	}

	@Test
	void f1CountsSharedTokensWithMultiplicity() {
		// answer: heat heat transfer (3 tokens); reference: heat transfer rate (3 tokens)
		// shared: heat (once: the reference has one), transfer = 2; P = R = 2/3
		assertThat(AnswerScoring.f1("heat heat transfer", List.of("heat transfer rate"))).isCloseTo(2.0 / 3,
				within(1e-12));
		// answer: creep (1 token); reference: creep buckling of columns (4 tokens)
		// P = 1, R = 1/4, F1 = 2 * 1/4 / (5/4) = 0.4
		assertThat(AnswerScoring.f1("Creep.", List.of("creep buckling of columns"))).isCloseTo(0.4, within(1e-12));
		assertThat(AnswerScoring.f1("nothing shared", List.of("creep buckling"))).isZero();
	}

	@Test
	void f1TakesTheBestReference() {
		assertThat(AnswerScoring.f1("stress level", List.of("creep buckling", "the stress level"))).isEqualTo(1.0);
	}

	@Test
	void anAnswerThatNormalizesToNothingScoresZero() {
		assertThat(AnswerScoring.f1("the ...", List.of("axial compression"))).isZero();
		assertThat(AnswerScoring.exactMatch("", List.of("axial compression"))).isZero();
	}

}

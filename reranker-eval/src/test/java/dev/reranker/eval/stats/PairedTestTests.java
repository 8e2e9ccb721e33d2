package dev.reranker.eval.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The paired randomization test and bootstrap interval on cases whose answer is known
 * without the code.
 */
class PairedTestTests {

	private final PairedTest test = new PairedTest(10_000, 10_000, 42);

	@Test
	void identicalRunsHaveNoDifferenceAndPOne() {
		double[] scores = { 0.2, 0.5, 0.9, 0.0, 0.4 };

		PairedTest.Outcome outcome = this.test.compare(scores, scores.clone(), 0.95);

		assertThat(outcome.meanDifference()).isZero();
		assertThat(outcome.pValue()).isEqualTo(1.0);
		assertThat(outcome.ciLow()).isZero();
		assertThat(outcome.ciHigh()).isZero();
		assertThat(outcome.significantAt(0.05)).isFalse();
	}

	@Test
	void aConstantGainOnEveryQueryIsSignificant() {
		int n = 20;
		double[] baseline = new double[n];
		double[] candidate = new double[n];
		for (int i = 0; i < n; i++) {
			baseline[i] = i / 40.0;
			candidate[i] = baseline[i] + 0.1;
		}

		PairedTest.Outcome outcome = this.test.compare(baseline, candidate, 0.95);

		assertThat(outcome.meanDifference()).isCloseTo(0.1, within(1e-12));
		// only the two all-equal sign patterns of 2^20 are as extreme: p is (hits + 1) /
		// 10,001, with hits almost surely 0
		assertThat(outcome.pValue()).isLessThan(0.001);
		assertThat(outcome.significantAt(0.05)).isTrue();
		// every resample of a constant difference has the same mean
		assertThat(outcome.ciLow()).isCloseTo(0.1, within(1e-12));
		assertThat(outcome.ciHigh()).isCloseTo(0.1, within(1e-12));
	}

	@Test
	void oneGainAndOneEqualLossAreNotSignificantAndTheIntervalHoldsTheMean() {
		double[] baseline = { 0.5, 0.5, 0.5, 0.5 };
		double[] candidate = { 0.9, 0.1, 0.5, 0.6 };

		PairedTest.Outcome outcome = this.test.compare(baseline, candidate, 0.95);

		assertThat(outcome.meanDifference()).isCloseTo(0.025, within(1e-12));
		// differences +0.4, -0.4, 0, +0.1: a sign pattern is at least as extreme unless
		// it leaves |sum| < 0.1, i.e. +0.4 and -0.4 cancel (p = 1/2 of the patterns), so
		// p
		// is about 1
		assertThat(outcome.pValue()).isGreaterThan(0.9);
		assertThat(outcome.significantAt(0.05)).isFalse();
		assertThat(outcome.ciLow()).isLessThan(outcome.meanDifference()).isGreaterThanOrEqualTo(-0.4);
		assertThat(outcome.ciHigh()).isGreaterThan(outcome.meanDifference()).isLessThanOrEqualTo(0.4);
	}

	@Test
	void theSameSeedGivesTheSameFiguresAndAnotherSeedMayNot() {
		double[] baseline = { 0.1, 0.4, 0.35, 0.8, 0.2, 0.6, 0.3 };
		double[] candidate = { 0.3, 0.35, 0.5, 0.8, 0.1, 0.9, 0.45 };

		PairedTest.Outcome first = this.test.compare(baseline, candidate, 0.95);
		PairedTest.Outcome again = new PairedTest(10_000, 10_000, 42).compare(baseline, candidate, 0.95);
		PairedTest.Outcome other = new PairedTest(10_000, 10_000, 7).compare(baseline, candidate, 0.95);

		assertThat(again).isEqualTo(first);
		assertThat(other.meanDifference()).isEqualTo(first.meanDifference());
		assertThat(other).isNotEqualTo(first);
		// seven queries: 2^7 = 128 sign patterns, so p is close to its exact value
		assertThat(first.pValue()).isBetween(0.0, 1.0);
		assertThat(first.meanDifference()).isBetween(first.ciLow(), first.ciHigh());
	}

	@Test
	void runsOfDifferentLengthsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.test.compare(new double[] { 1, 2 }, new double[] { 1 }, 0.95))
			.withMessageContaining("same queries");
	}

}

package dev.reranker.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.springframework.util.Assert;

/**
 * Paired comparison of two configurations scored on the same queries: the mean of the
 * per-query differences, a two-sided paired randomization test of "no difference" and a
 * percentile bootstrap confidence interval of the mean difference.
 * <p>
 * The randomization test flips the sign of each query's difference at random (under the
 * null hypothesis either configuration could have produced either score) and counts how
 * often the absolute mean is at least the observed one; p = (count + 1) / (permutations +
 * 1), so p is never 0 and is exactly 1 when the runs agree on every query. The bootstrap
 * resamples the queries with replacement and takes the 2.5th and 97.5th percentiles of
 * the resampled means. Both use a seeded generator: the same inputs and seed give the
 * same figures.
 *
 * @param permutations random sign assignments of the randomization test
 * @param bootstrapSamples resamples of the bootstrap
 * @param seed seed of the random generator
 */
public record PairedTest(int permutations, int bootstrapSamples, long seed) {

	/** Tolerance for "at least as extreme", so rounding does not decide a tie. */
	private static final double EPSILON = 1e-12;

	public PairedTest {
		Assert.isTrue(permutations >= 1, "permutations must be >= 1");
		Assert.isTrue(bootstrapSamples >= 1, "bootstrapSamples must be >= 1");
	}

	/**
	 * Compares a candidate with a baseline.
	 * @param baseline the baseline's score per query
	 * @param candidate the candidate's score per query, in the same query order
	 * @param level confidence level of the interval, e.g. 0.95
	 * @return the mean difference (candidate − baseline), its p-value and interval
	 */
	public Outcome compare(double[] baseline, double[] candidate, double level) {
		Assert.isTrue(baseline.length == candidate.length, () -> "the runs have " + baseline.length + " and "
				+ candidate.length + " queries; a paired test needs the same queries");
		Assert.isTrue(baseline.length > 0, "a paired test needs at least one query");
		Assert.isTrue(level > 0 && level < 1, "level must be in (0, 1)");
		int n = baseline.length;
		double[] differences = new double[n];
		for (int i = 0; i < n; i++) {
			differences[i] = candidate[i] - baseline[i];
		}
		double observed = mean(differences);
		SplittableRandom random = new SplittableRandom(this.seed);
		int extreme = 0;
		for (int p = 0; p < this.permutations; p++) {
			double sum = 0;
			for (double difference : differences) {
				sum += random.nextBoolean() ? difference : -difference;
			}
			if (Math.abs(sum / n) >= Math.abs(observed) - EPSILON) {
				extreme++;
			}
		}
		double pValue = (extreme + 1.0) / (this.permutations + 1.0);
		double[] means = new double[this.bootstrapSamples];
		for (int b = 0; b < this.bootstrapSamples; b++) {
			double sum = 0;
			for (int i = 0; i < n; i++) {
				sum += differences[random.nextInt(n)];
			}
			means[b] = sum / n;
		}
		Arrays.sort(means);
		double tail = (1 - level) / 2;
		return new Outcome(n, observed, pValue, quantile(means, tail), quantile(means, 1 - tail));
	}

	private static double mean(double[] values) {
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		return sum / values.length;
	}

	/** Nearest-rank quantile of sorted values. */
	private static double quantile(double[] sorted, double q) {
		int rank = (int) Math.ceil(q * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	/**
	 * The result of one paired comparison.
	 *
	 * @param queries queries compared
	 * @param meanDifference mean of candidate − baseline over the queries
	 * @param pValue two-sided p-value of the randomization test
	 * @param ciLow lower bound of the bootstrap confidence interval of the mean
	 * difference
	 * @param ciHigh upper bound of that interval
	 */
	public record Outcome(int queries, double meanDifference, double pValue, double ciLow, double ciHigh) {

		/**
		 * @param alpha the significance level, e.g. 0.05
		 * @return whether the difference is significant at that level
		 */
		public boolean significantAt(double alpha) {
			return this.pValue < alpha;
		}

	}

}

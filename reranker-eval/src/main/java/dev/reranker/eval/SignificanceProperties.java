package dev.reranker.eval;

/**
 * How configurations are compared ({@code eval.significance.*}): a paired randomization
 * test and a bootstrap confidence interval of the mean per-query difference.
 */
public class SignificanceProperties {

	/**
	 * Random sign flips of the paired randomization test.
	 */
	private int permutations = 10_000;

	/**
	 * Resamples of the bootstrap 95% confidence interval.
	 */
	private int bootstrapSamples = 10_000;

	/**
	 * Seed of the test and the bootstrap; the same seed gives the same figures.
	 */
	private long seed = 42;

	/**
	 * Significance level (two-sided) below which a difference is marked.
	 */
	private double alpha = 0.05;

	public int getPermutations() {
		return this.permutations;
	}

	public void setPermutations(int permutations) {
		this.permutations = permutations;
	}

	public int getBootstrapSamples() {
		return this.bootstrapSamples;
	}

	public void setBootstrapSamples(int bootstrapSamples) {
		this.bootstrapSamples = bootstrapSamples;
	}

	public long getSeed() {
		return this.seed;
	}

	public void setSeed(long seed) {
		this.seed = seed;
	}

	public double getAlpha() {
		return this.alpha;
	}

	public void setAlpha(double alpha) {
		this.alpha = alpha;
	}

}

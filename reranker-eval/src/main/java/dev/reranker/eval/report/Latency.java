package dev.reranker.eval.report;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * Latency percentiles of one stage over the timed queries, in milliseconds. Percentiles
 * are nearest-rank on the exact samples (no histogram approximation).
 *
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param mean arithmetic mean
 * @param samples number of timed calls
 */
public record Latency(double p50, double p95, double p99, double mean, int samples) {

	/**
	 * Summarizes measured durations.
	 * @param nanos one duration per call, in nanoseconds
	 * @return the summary
	 */
	public static Latency ofNanos(long[] nanos) {
		Assert.isTrue(nanos.length > 0, "no samples");
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		double mean = Arrays.stream(sorted).average().orElse(0);
		return new Latency(millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
				millis(percentile(sorted, 99)), mean / 1e6, sorted.length);
	}

	/**
	 * Nearest-rank percentile: the smallest sample with at least {@code p} percent of the
	 * samples at or below it.
	 * @param sorted samples, ascending
	 * @param p the percentile, in (0, 100]
	 * @return the sample
	 */
	static long percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

}

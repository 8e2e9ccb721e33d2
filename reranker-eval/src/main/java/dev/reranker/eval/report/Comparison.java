package dev.reranker.eval.report;

/**
 * A paired comparison of two configurations on the same queries for one metric.
 *
 * @param baseline the baseline configuration's tag
 * @param candidate the compared configuration's tag
 * @param metric the metric, e.g. {@code nDCG@10}
 * @param queries queries compared
 * @param meanDifference mean over the queries of candidate − baseline
 * @param pValue two-sided p-value of the paired randomization test
 * @param ciLow lower bound of the bootstrap 95% confidence interval of the mean
 * difference
 * @param ciHigh upper bound of that interval
 * @param significant whether {@code pValue} is below the report's significance level
 */
public record Comparison(String baseline, String candidate, String metric, int queries, double meanDifference,
		double pValue, double ciLow, double ciHigh, boolean significant) {

}

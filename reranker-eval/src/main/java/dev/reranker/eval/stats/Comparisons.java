package dev.reranker.eval.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.answers.AnswerScore;
import dev.reranker.eval.metrics.QualityMetrics;
import dev.reranker.eval.report.Comparison;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.ConfigurationRun;
import dev.reranker.eval.report.QueryRun;

import org.springframework.util.Assert;

/**
 * Decides which configurations are compared and runs the paired test on each: every
 * reranked configuration against its first stage alone, and, for each first stage and
 * provider, every rerank depth against every deeper one.
 */
public final class Comparisons {

	/** The metrics compared: those reranking can change (recall@100 it cannot). */
	public static final Map<String, ToDoubleFunction<QualityMetrics>> METRICS = metrics();

	/** Confidence level of the bootstrap intervals. */
	public static final double CONFIDENCE = 0.95;

	/** The metric the Markdown table marks significance for. */
	public static final String PRIMARY_METRIC = "nDCG@10";

	/**
	 * The answer metrics compared when both configurations were answered (eval.answers),
	 * over the queries with a reference answer; a metric a configuration lacks (the
	 * judge's, without eval.answer.judge) is skipped.
	 */
	public static final Map<String, Function<AnswerScore, @Nullable Double>> ANSWER_METRICS = answerMetrics();

	/** The answer metric the Markdown table marks significance for. */
	public static final String PRIMARY_ANSWER_METRIC = "Answer F1";

	private Comparisons() {
	}

	/**
	 * @param runs the evaluated configurations, first stages alone included
	 * @param test the paired test
	 * @param alpha the significance level
	 * @return the comparisons, baselines in run order
	 */
	public static List<Comparison> of(List<ConfigurationRun> runs, PairedTest test, double alpha) {
		List<Comparison> comparisons = new ArrayList<>();
		for (ConfigurationRun run : runs) {
			ConfigurationResult result = run.result();
			if (result.provider() == null) {
				continue;
			}
			runs.stream()
				.filter(other -> other.result().provider() == null
						&& other.result().firstStage().equals(result.firstStage()))
				.findFirst()
				.ifPresent(baseline -> comparisons.addAll(compare(baseline, run, test, alpha)));
		}
		for (ConfigurationRun shallow : runs) {
			for (ConfigurationRun deep : runs) {
				if (sameSeries(shallow.result(), deep.result()) && depth(shallow.result()) < depth(deep.result())) {
					comparisons.addAll(compare(shallow, deep, test, alpha));
				}
			}
		}
		return List.copyOf(comparisons);
	}

	private static boolean sameSeries(ConfigurationResult a, ConfigurationResult b) {
		return a.provider() != null && a.firstStage().equals(b.firstStage())
				&& Objects.equals(a.provider(), b.provider());
	}

	private static int depth(ConfigurationResult result) {
		Integer depth = result.depth();
		return (depth != null) ? depth : 0;
	}

	private static List<Comparison> compare(ConfigurationRun baseline, ConfigurationRun candidate, PairedTest test,
			double alpha) {
		Map<String, QualityMetrics> byQuery = new LinkedHashMap<>();
		for (QueryRun query : baseline.queries()) {
			byQuery.put(query.queryId(), query.quality());
		}
		Assert.state(byQuery.size() == candidate.queries().size(), () -> "'" + baseline.result().tag() + "' and '"
				+ candidate.result().tag() + "' were evaluated on different queries; a paired test needs the same");
		List<Comparison> comparisons = new ArrayList<>();
		for (Map.Entry<String, ToDoubleFunction<QualityMetrics>> metric : METRICS.entrySet()) {
			int n = candidate.queries().size();
			double[] before = new double[n];
			double[] after = new double[n];
			for (int i = 0; i < n; i++) {
				QueryRun query = candidate.queries().get(i);
				QualityMetrics base = byQuery.get(query.queryId());
				Assert.state(base != null, () -> "'" + baseline.result().tag() + "' has no result for query '"
						+ query.queryId() + "'; a paired test needs the same queries");
				before[i] = metric.getValue().applyAsDouble(base);
				after[i] = metric.getValue().applyAsDouble(query.quality());
			}
			PairedTest.Outcome outcome = test.compare(before, after, CONFIDENCE);
			comparisons.add(new Comparison(baseline.result().tag(), candidate.result().tag(), metric.getKey(),
					outcome.queries(), outcome.meanDifference(), outcome.pValue(), outcome.ciLow(), outcome.ciHigh(),
					outcome.significantAt(alpha)));
		}
		comparisons.addAll(compareAnswers(baseline, candidate, test, alpha));
		return comparisons;
	}

	/** The answer metrics on the queries both configurations answered. */
	private static List<Comparison> compareAnswers(ConfigurationRun baseline, ConfigurationRun candidate,
			PairedTest test, double alpha) {
		Map<String, AnswerScore> byQuery = new LinkedHashMap<>();
		for (QueryRun query : baseline.queries()) {
			if (query.answer() != null) {
				byQuery.put(query.queryId(), query.answer());
			}
		}
		List<AnswerScore[]> pairs = new ArrayList<>();
		for (QueryRun query : candidate.queries()) {
			AnswerScore base = byQuery.get(query.queryId());
			if (base != null && query.answer() != null) {
				pairs.add(new AnswerScore[] { base, query.answer() });
			}
		}
		List<Comparison> comparisons = new ArrayList<>();
		if (pairs.isEmpty()) {
			return comparisons;
		}
		for (Map.Entry<String, Function<AnswerScore, @Nullable Double>> metric : ANSWER_METRICS.entrySet()) {
			double[] before = new double[pairs.size()];
			double[] after = new double[pairs.size()];
			boolean complete = true;
			for (int i = 0; i < pairs.size() && complete; i++) {
				Double a = metric.getValue().apply(pairs.get(i)[0]);
				Double b = metric.getValue().apply(pairs.get(i)[1]);
				complete = a != null && b != null;
				if (complete) {
					before[i] = a;
					after[i] = b;
				}
			}
			if (!complete) {
				continue;
			}
			PairedTest.Outcome outcome = test.compare(before, after, CONFIDENCE);
			comparisons.add(new Comparison(baseline.result().tag(), candidate.result().tag(), metric.getKey(),
					outcome.queries(), outcome.meanDifference(), outcome.pValue(), outcome.ciLow(), outcome.ciHigh(),
					outcome.significantAt(alpha)));
		}
		return comparisons;
	}

	private static Map<String, Function<AnswerScore, @Nullable Double>> answerMetrics() {
		Map<String, Function<AnswerScore, @Nullable Double>> metrics = new LinkedHashMap<>();
		metrics.put(PRIMARY_ANSWER_METRIC, AnswerScore::f1);
		metrics.put("Answer EM", AnswerScore::exactMatch);
		metrics.put("Judge", AnswerScore::judge);
		return java.util.Collections.unmodifiableMap(metrics);
	}

	private static Map<String, ToDoubleFunction<QualityMetrics>> metrics() {
		Map<String, ToDoubleFunction<QualityMetrics>> metrics = new LinkedHashMap<>();
		metrics.put(PRIMARY_METRIC, QualityMetrics::ndcg10);
		metrics.put("MRR@10", QualityMetrics::mrr10);
		metrics.put("R@10", QualityMetrics::recall10);
		return java.util.Collections.unmodifiableMap(metrics);
	}

}

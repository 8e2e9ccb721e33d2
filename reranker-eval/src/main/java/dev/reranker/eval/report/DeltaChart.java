package dev.reranker.eval.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Draws, as a standalone SVG, the per-query nDCG@10 change of the best reranked
 * configuration (the largest mean gain over its own first stage) against that first
 * stage: one bar per query, sorted from the largest loss to the largest gain. A mean gain
 * can hide many losses; this chart shows them. The axis is symmetric around 0.
 */
public final class DeltaChart {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 420;

	private static final int LEFT = 70;

	private static final int TOP = 80;

	private static final int PLOT_WIDTH = 800;

	private static final int PLOT_HEIGHT = 280;

	private DeltaChart() {
	}

	/**
	 * A per-query change and the pair of configurations it compares.
	 *
	 * @param baseline the first stage alone
	 * @param candidate the reranked configuration
	 * @param deltas per query, candidate − baseline nDCG@10, ascending
	 */
	record Deltas(ConfigurationResult baseline, ConfigurationResult candidate, List<Double> deltas) {
	}

	/**
	 * @param report the report (labels, sample, significance)
	 * @param runs the per-query results
	 * @return the SVG, or empty when no configuration was reranked
	 */
	public static Optional<String> render(EvaluationReport report, List<ConfigurationRun> runs) {
		return best(runs).map(deltas -> draw(report, deltas));
	}

	/** The reranked configuration with the largest mean nDCG@10 gain over its stage. */
	static Optional<Deltas> best(List<ConfigurationRun> runs) {
		Map<String, ConfigurationRun> firstStages = new HashMap<>();
		for (ConfigurationRun run : runs) {
			if (run.result().provider() == null) {
				firstStages.putIfAbsent(run.result().firstStage(), run);
			}
		}
		@Nullable Deltas best = null;
		double bestGain = Double.NEGATIVE_INFINITY;
		for (ConfigurationRun run : runs) {
			ConfigurationRun baseline = firstStages.get(run.result().firstStage());
			if (run.result().provider() == null || baseline == null) {
				continue;
			}
			double gain = run.result().quality().ndcg10() - baseline.result().quality().ndcg10();
			if (gain > bestGain) {
				bestGain = gain;
				best = new Deltas(baseline.result(), run.result(), deltas(baseline, run));
			}
		}
		return Optional.ofNullable(best);
	}

	private static List<Double> deltas(ConfigurationRun baseline, ConfigurationRun candidate) {
		Map<String, Double> before = new HashMap<>();
		baseline.queries().forEach(query -> before.put(query.queryId(), query.quality().ndcg10()));
		List<Double> deltas = new ArrayList<>();
		for (QueryRun query : candidate.queries()) {
			Double base = before.get(query.queryId());
			if (base != null) {
				deltas.add(query.quality().ndcg10() - base);
			}
		}
		deltas.sort(Comparator.naturalOrder());
		return deltas;
	}

	private static String draw(EvaluationReport report, Deltas deltas) {
		List<Double> values = deltas.deltas();
		double largest = values.stream().mapToDouble(Math::abs).max().orElse(0);
		double range = Svg.niceCeiling((largest > 0) ? largest : 0.1);
		long better = values.stream().filter(value -> value > 1e-12).count();
		long worse = values.stream().filter(value -> value < -1e-12).count();
		double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);

		StringBuilder svg = Svg.open(WIDTH, HEIGHT);
		Svg.text(svg, LEFT, 20, "start", 15, "bold", "Per-query nDCG@10 change: " + deltas.candidate().label());
		Svg.text(svg, LEFT, 38, "start", 12, "normal", "over " + deltas.baseline().label());
		String significance = report.comparison(deltas.baseline().tag(), deltas.candidate().tag(), "nDCG@10")
			.map(comparison -> String.format(Locale.ROOT, ", p = %.4f, 95%% CI [%+.4f, %+.4f]", comparison.pValue(),
					comparison.ciLow(), comparison.ciHigh()))
			.orElse("");
		Svg.text(svg, LEFT, 56, "start", 12, "normal",
				String.format(Locale.ROOT, "n = %d queries (%s); mean change %+.4f%s; %d better, %d worse, %d equal",
						values.size(), report.dataset().sample().describe(), mean, significance, better, worse,
						values.size() - better - worse));

		int zero = TOP + PLOT_HEIGHT / 2;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", LEFT, TOP,
				PLOT_WIDTH, PLOT_HEIGHT));
		for (int tick = -2; tick <= 2; tick++) {
			double value = range * tick / 2;
			double y = zero - (PLOT_HEIGHT / 2.0) * tick / 2;
			Svg.line(svg, LEFT, y, LEFT + PLOT_WIDTH, y, (tick == 0) ? "#444" : "#ddd", "");
			Svg.text(svg, LEFT - 6, (int) y + 4, "end", 11, "normal", String.format(Locale.ROOT, "%+.2f", value));
		}
		double barWidth = (double) PLOT_WIDTH / Math.max(values.size(), 1);
		for (int i = 0; i < values.size(); i++) {
			double value = values.get(i);
			double height = (PLOT_HEIGHT / 2.0) * Math.abs(value) / range;
			double y = (value >= 0) ? zero - height : zero;
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"delta\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
					LEFT + i * barWidth, y, Math.max(barWidth - 0.5, 0.5), height,
					(value >= 0) ? "#2ca02c" : "#d62728"));
		}
		Svg.text(svg, 18, zero, "middle", 12, "normal", "Δ");
		Svg.text(svg, LEFT + PLOT_WIDTH / 2, TOP - 8, "middle", 13, "bold",
				String.format(Locale.ROOT, "nDCG@10 change per query (axis ±%.2f)", range));
		Svg.text(svg, LEFT + PLOT_WIDTH / 2, TOP + PLOT_HEIGHT + 24, "middle", 12, "normal",
				"queries, sorted from the largest loss to the largest gain");
		svg.append("</svg>\n");
		return svg.toString();
	}

}

package dev.reranker.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Draws the trade-off a user picks a rerank depth on, as a standalone SVG: nDCG@10 versus
 * depth (left; each first stage alone as a dashed line) and rerank latency versus depth
 * (right; p50 solid, p95 dotted). One colour per first stage and provider. The nDCG axis
 * spans the data, not 0 to 1, so that a gain of 0.02 is visible (its title says where it
 * starts); latency is in seconds once it reaches a second.
 */
public final class SvgChart {

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
			"#e377c2", "#17becf", "#7f7f7f", "#bcbd22" };

	private static final int PANEL_WIDTH = 440;

	private static final int PANEL_HEIGHT = 300;

	private static final int LEFT = 60;

	private static final int TOP = 66;

	private static final int GAP = 90;

	private SvgChart() {
	}

	/**
	 * A value axis: the range drawn, its title and how values are scaled to it.
	 *
	 * @param min lowest value on the axis
	 * @param max highest value on the axis
	 * @param title the axis title
	 * @param tickFormat format of the tick labels
	 * @param scale factor from data to axis units (e.g. 0.001 for ms shown in s)
	 */
	record Axis(double min, double max, String title, String tickFormat, double scale) {

		double y(double value) {
			double scaled = value * this.scale;
			double clamped = Math.max(this.min, Math.min(this.max, scaled));
			return TOP + PANEL_HEIGHT - PANEL_HEIGHT * (clamped - this.min) / (this.max - this.min);
		}

	}

	/**
	 * @param report the report
	 * @return the SVG document
	 */
	public static String render(EvaluationReport report) {
		List<Integer> depths = report.settings().depths();
		Map<String, List<ConfigurationResult>> series = new LinkedHashMap<>();
		List<ConfigurationResult> baselines = new ArrayList<>();
		for (ConfigurationResult result : report.results()) {
			if (result.provider() == null) {
				baselines.add(result);
			}
			else {
				series.computeIfAbsent(result.firstStage() + " + " + result.provider(), key -> new ArrayList<>())
					.add(result);
			}
		}
		Map<String, String> colours = new LinkedHashMap<>();
		for (ConfigurationResult baseline : baselines) {
			colours.putIfAbsent(baseline.firstStage(), COLOURS[colours.size() % COLOURS.length]);
		}
		for (String name : series.keySet()) {
			colours.putIfAbsent(name, COLOURS[colours.size() % COLOURS.length]);
		}
		int width = LEFT + 2 * PANEL_WIDTH + GAP + 30;
		int height = TOP + PANEL_HEIGHT + 60 + 20 * colours.size() + 10;

		StringBuilder svg = Svg.open(width, height);
		Svg.text(svg, LEFT, 20, "start", 15, "bold", "Rerank depth trade-off: " + report.dataset().name());
		Svg.text(svg, LEFT, 38, "start", 12, "normal",
				"n = " + report.dataset().evaluatedQueries() + " queries: " + report.dataset().sample().describe());

		Axis quality = qualityAxis(
				report.results().stream().mapToDouble(result -> result.quality().ndcg10()).toArray());
		Axis latency = latencyAxis(report.results()
			.stream()
			.filter(result -> result.rerank() != null)
			.mapToDouble(result -> rerankLatency(result).p95())
			.max()
			.orElse(1));

		int qualityLeft = LEFT;
		int latencyLeft = LEFT + PANEL_WIDTH + GAP;
		axes(svg, qualityLeft, depths, quality);
		axes(svg, latencyLeft, depths, latency);

		for (ConfigurationResult baseline : baselines) {
			double y = quality.y(baseline.quality().ndcg10());
			Svg.line(svg, qualityLeft, y, qualityLeft + PANEL_WIDTH, y,
					colours.getOrDefault(baseline.firstStage(), COLOURS[0]),
					"stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
		}
		for (Map.Entry<String, List<ConfigurationResult>> entry : series.entrySet()) {
			String colour = colours.getOrDefault(entry.getKey(), COLOURS[0]);
			polyline(svg, qualityLeft, depths, entry.getValue(), result -> result.quality().ndcg10(), quality, colour,
					null);
			polyline(svg, latencyLeft, depths, entry.getValue(), result -> rerankLatency(result).p50(), latency, colour,
					null);
			polyline(svg, latencyLeft, depths, entry.getValue(), result -> rerankLatency(result).p95(), latency, colour,
					"2 3");
		}
		if (series.isEmpty()) {
			Svg.text(svg, latencyLeft + PANEL_WIDTH / 2, TOP + PANEL_HEIGHT / 2, "middle", 12, "normal",
					"no rerank provider in this run");
		}

		int legendTop = TOP + PANEL_HEIGHT + 60;
		int row = 0;
		for (Map.Entry<String, String> entry : colours.entrySet()) {
			int y = legendTop + 20 * row++;
			boolean baseline = !series.containsKey(entry.getKey());
			Svg.line(svg, LEFT, y - 4, LEFT + 30, y - 4, entry.getValue(),
					"stroke-width=\"2\"" + (baseline ? " stroke-dasharray=\"6 4\"" : ""));
			Svg.text(svg, LEFT + 38, y, "start", 12, "normal",
					entry.getKey() + (baseline ? " (first stage alone)" : " (latency: p50 solid, p95 dotted)"));
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	/**
	 * The nDCG axis: from a multiple of 0.05 below the lowest value to one above the
	 * highest, within [0, 1]; its title names the start when it is not 0.
	 */
	static Axis qualityAxis(double[] values) {
		double low = 1;
		double high = 0;
		for (double value : values) {
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
		if (values.length == 0) {
			low = 0;
			high = 1;
		}
		double step = 0.05;
		double min = Math.max(0, Math.floor((low - step / 2) / step) * step);
		double max = Math.min(1, Math.ceil((high + step / 2) / step) * step);
		min = round(min);
		max = round(Math.max(max, min + step));
		String title = (min > 0) ? String.format(Locale.ROOT, "nDCG@10 (axis from %.2f)", min) : "nDCG@10";
		return new Axis(min, max, title, "%.2f", 1);
	}

	/** The latency axis from 0: in ms below a second, in seconds from there. */
	static Axis latencyAxis(double maxMillis) {
		if (maxMillis >= 1000) {
			double max = Svg.niceCeiling(maxMillis / 1000);
			return new Axis(0, max, "Rerank latency (s)", (max < 10) ? "%.1f" : "%.0f", 0.001);
		}
		double max = Svg.niceCeiling(maxMillis);
		return new Axis(0, max, "Rerank latency (ms)", (max < 10) ? "%.1f" : "%.0f", 1);
	}

	private static double round(double value) {
		return Math.round(value * 1e6) / 1e6;
	}

	private static void axes(StringBuilder svg, int left, List<Integer> depths, Axis axis) {
		int bottom = TOP + PANEL_HEIGHT;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", left, TOP,
				PANEL_WIDTH, PANEL_HEIGHT));
		for (int tick = 0; tick <= 5; tick++) {
			double value = axis.min() + (axis.max() - axis.min()) * tick / 5;
			double y = TOP + PANEL_HEIGHT - PANEL_HEIGHT * tick / 5.0;
			Svg.line(svg, left, y, left + PANEL_WIDTH, y, "#ddd", "");
			Svg.text(svg, left - 6, (int) y + 4, "end", 11, "normal",
					String.format(Locale.ROOT, axis.tickFormat(), value));
		}
		for (int i = 0; i < depths.size(); i++) {
			int x = x(left, i, depths.size());
			Svg.line(svg, x, bottom, x, bottom + 5, "#444", "");
			Svg.text(svg, x, bottom + 18, "middle", 11, "normal", String.valueOf(depths.get(i)));
		}
		Svg.text(svg, left + PANEL_WIDTH / 2, bottom + 36, "middle", 12, "normal", "rerank depth (candidates)");
		Svg.text(svg, left + PANEL_WIDTH / 2, TOP - 8, "middle", 13, "bold", axis.title());
	}

	private static Latency rerankLatency(ConfigurationResult result) {
		Latency latency = result.rerank();
		Assert.state(latency != null, () -> "A reranked result has no rerank latency: " + result);
		return latency;
	}

	private static void polyline(StringBuilder svg, int left, List<Integer> depths, List<ConfigurationResult> results,
			ToDoubleFunction<ConfigurationResult> value, Axis axis, String colour, @Nullable String dash) {
		StringBuilder points = new StringBuilder();
		for (ConfigurationResult result : results) {
			int index = depths.indexOf(result.depth());
			if (index < 0) {
				continue;
			}
			double x = x(left, index, depths.size());
			double y = axis.y(value.applyAsDouble(result));
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
			svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x, y,
					colour));
		}
		svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"");
		if (dash != null) {
			svg.append(" stroke-dasharray=\"").append(dash).append('"');
		}
		svg.append(" points=\"").append(points.toString().trim()).append("\"/>\n");
	}

	private static int x(int left, int index, int count) {
		return left + (int) Math.round(PANEL_WIDTH * (index + 0.5) / Math.max(count, 1));
	}

}

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
 * (right; p50 solid, p95 dotted). One colour per first stage and provider.
 */
public final class SvgChart {

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
			"#e377c2", "#17becf", "#7f7f7f", "#bcbd22" };

	private static final int PANEL_WIDTH = 440;

	private static final int PANEL_HEIGHT = 300;

	private static final int LEFT = 60;

	private static final int TOP = 50;

	private static final int GAP = 90;

	private SvgChart() {
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
		int legendRows = colours.size();
		int width = LEFT + 2 * PANEL_WIDTH + GAP + 30;
		int height = TOP + PANEL_HEIGHT + 60 + 20 * legendRows + 10;

		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		text(svg, LEFT, 20, "start", 15, "bold", "Rerank depth trade-off: " + report.dataset().name() + " ("
				+ report.dataset().evaluatedQueries() + " queries)");

		double qualityMax = niceCeiling(
				report.results().stream().mapToDouble(result -> result.quality().ndcg10()).max().orElse(1));
		double latencyMax = niceCeiling(report.results()
			.stream()
			.filter(result -> result.rerank() != null)
			.mapToDouble(result -> result.rerank().p95())
			.max()
			.orElse(1));

		int qualityLeft = LEFT;
		int latencyLeft = LEFT + PANEL_WIDTH + GAP;
		axes(svg, qualityLeft, depths, qualityMax, "nDCG@10", "%.2f");
		axes(svg, latencyLeft, depths, latencyMax, "Rerank latency (ms)", (latencyMax < 10) ? "%.1f" : "%.0f");

		for (ConfigurationResult baseline : baselines) {
			double y = y(baseline.quality().ndcg10(), qualityMax);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\""
							+ " stroke-dasharray=\"6 4\"/>\n",
					qualityLeft, y, qualityLeft + PANEL_WIDTH, y,
					colours.getOrDefault(baseline.firstStage(), COLOURS[0])));
		}
		for (Map.Entry<String, List<ConfigurationResult>> entry : series.entrySet()) {
			String colour = colours.getOrDefault(entry.getKey(), COLOURS[0]);
			line(svg, qualityLeft, depths, entry.getValue(), result -> result.quality().ndcg10(), qualityMax, colour,
					null);
			line(svg, latencyLeft, depths, entry.getValue(), result -> rerankLatency(result).p50(), latencyMax, colour,
					null);
			line(svg, latencyLeft, depths, entry.getValue(), result -> rerankLatency(result).p95(), latencyMax, colour,
					"2 3");
		}
		if (series.isEmpty()) {
			text(svg, latencyLeft + PANEL_WIDTH / 2, TOP + PANEL_HEIGHT / 2, "middle", 12, "normal",
					"no rerank provider in this run");
		}

		int legendTop = TOP + PANEL_HEIGHT + 60;
		int row = 0;
		for (Map.Entry<String, String> entry : colours.entrySet()) {
			int y = legendTop + 20 * row++;
			boolean baseline = !series.containsKey(entry.getKey());
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", LEFT, y - 4,
					LEFT + 30, y - 4, entry.getValue(), baseline ? " stroke-dasharray=\"6 4\"" : ""));
			text(svg, LEFT + 38, y, "start", 12, "normal",
					entry.getKey() + (baseline ? " (first stage alone)" : " (latency: p50 solid, p95 dotted)"));
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void axes(StringBuilder svg, int left, List<Integer> depths, double max, String title,
			String tickFormat) {
		int bottom = TOP + PANEL_HEIGHT;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", left, TOP,
				PANEL_WIDTH, PANEL_HEIGHT));
		for (int tick = 0; tick <= 5; tick++) {
			double value = max * tick / 5;
			double y = y(value, max);
			svg.append(
					String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
							left, y, left + PANEL_WIDTH, y));
			text(svg, left - 6, (int) y + 4, "end", 11, "normal", String.format(Locale.ROOT, tickFormat, value));
		}
		for (int i = 0; i < depths.size(); i++) {
			int x = x(left, i, depths.size());
			svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n",
					x, bottom, x, bottom + 5));
			text(svg, x, bottom + 18, "middle", 11, "normal", String.valueOf(depths.get(i)));
		}
		text(svg, left + PANEL_WIDTH / 2, bottom + 36, "middle", 12, "normal", "rerank depth (candidates)");
		text(svg, left + PANEL_WIDTH / 2, TOP - 8, "middle", 13, "bold", title);
	}

	private static Latency rerankLatency(ConfigurationResult result) {
		Latency latency = result.rerank();
		Assert.state(latency != null, () -> "A reranked result has no rerank latency: " + result);
		return latency;
	}

	private static void line(StringBuilder svg, int left, List<Integer> depths, List<ConfigurationResult> results,
			ToDoubleFunction<ConfigurationResult> value, double max, String colour, @Nullable String dash) {
		StringBuilder points = new StringBuilder();
		for (ConfigurationResult result : results) {
			int index = depths.indexOf(result.depth());
			if (index < 0) {
				continue;
			}
			double x = x(left, index, depths.size());
			double y = y(value.applyAsDouble(result), max);
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

	private static double y(double value, double max) {
		return TOP + PANEL_HEIGHT - PANEL_HEIGHT * Math.min(value, max) / max;
	}

	/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least the value. */
	static double niceCeiling(double value) {
		if (!(value > 0)) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * power >= value) {
				return step * power;
			}
		}
		return 10 * power;
	}

	private static void text(StringBuilder svg, int x, int y, String anchor, int size, String weight, String content) {
		svg.append("<text x=\"")
			.append(x)
			.append("\" y=\"")
			.append(y)
			.append("\" text-anchor=\"")
			.append(anchor)
			.append("\" font-size=\"")
			.append(size)
			.append("\" font-weight=\"")
			.append(weight)
			.append("\">")
			.append(escape(content))
			.append("</text>\n");
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}

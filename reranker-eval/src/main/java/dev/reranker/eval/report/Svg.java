package dev.reranker.eval.report;

import java.util.Locale;

/**
 * Small helpers shared by the charts: text, lines, XML escaping and axis ranges.
 */
final class Svg {

	private Svg() {
	}

	/** Opens a white SVG document of the given size. */
	static StringBuilder open(int width, int height) {
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
						+ " font-family=\"sans-serif\" font-size=\"12\">\n",
				width, height, width, height));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		return svg;
	}

	static void text(StringBuilder svg, int x, int y, String anchor, int size, String weight, String content) {
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n", x, y,
				anchor, size, weight, escape(content)));
	}

	static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String stroke, String attributes) {
		svg.append(
				String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
						x1, y1, x2, y2, stroke, attributes.isEmpty() ? "" : " " + attributes));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least the value. */
	static double niceCeiling(double value) {
		if (!(value > 0)) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * power >= value - 1e-12 * power) {
				return step * power;
			}
		}
		return 10 * power;
	}

}

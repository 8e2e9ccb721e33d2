package dev.reranker.eval.report;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The charts drawn from small synthetic reports: axes scaled to the data and saying so,
 * seconds for large latencies, and the per-query delta chart's bars and range.
 */
class ChartTests {

	@Test
	void qualityAxisSpansTheDataAndSaysWhereItStarts() throws Exception {
		Latency rerank = new Latency(20, 30, 35, 21, 4);
		EvaluationReport report = SyntheticReports.report(List.of(SyntheticReports.firstStage(0.41, 4),
				SyntheticReports.reranked(10, 0.43, rerank, 4), SyntheticReports.reranked(20, 0.44, rerank, 4)),
				List.of());

		String svg = SvgChart.render(report);

		List<String> texts = texts(svg);
		assertThat(texts).contains("nDCG@10 (axis from 0.35)", "Rerank latency (ms)",
				"n = 4 queries: 4 of 12 queries (random sample, seed 42)");
		// ticks from 0.35 to 0.50 (0.41 … 0.44 with half a step of margin), latency 0 to
		// 50
		// ms
		assertThat(texts).contains("0.35", "0.38", "0.41", "0.44", "0.47", "0.50", "0", "10", "50")
			.doesNotContain("0.00", "1.00");
		SvgChart.Axis axis = SvgChart.qualityAxis(new double[] { 0.41, 0.43, 0.44 });
		assertThat(axis.min()).isCloseTo(0.35, within(1e-9));
		assertThat(axis.max()).isCloseTo(0.50, within(1e-9));
		// a +0.02 gain spans 40 of the 300 pixels, not 6
		assertThat(axis.y(0.41) - axis.y(0.43)).isCloseTo(40, within(1e-6));
	}

	@Test
	void qualityAxisStartsAtZeroWhenTheDataDoes() {
		SvgChart.Axis axis = SvgChart.qualityAxis(new double[] { 0.01, 0.3 });
		assertThat(axis.min()).isZero();
		assertThat(axis.title()).isEqualTo("nDCG@10");
	}

	@Test
	void largeLatenciesAreShownInSeconds() throws Exception {
		Latency slow = new Latency(4500, 9966, 12000, 5000, 4);
		EvaluationReport report = SyntheticReports.report(
				List.of(SyntheticReports.firstStage(0.36, 4), SyntheticReports.reranked(10, 0.38, slow, 4)), List.of());

		List<String> texts = texts(SvgChart.render(report));

		assertThat(texts).contains("Rerank latency (s)", "2", "4", "10").doesNotContain("Rerank latency (ms)");
		SvgChart.Axis axis = SvgChart.latencyAxis(40_000);
		assertThat(axis.max()).isEqualTo(50);
		assertThat(axis.y(40_000)).isCloseTo(SvgChart.latencyAxis(40_000).y(0) - 240, within(1e-6));
	}

	@Test
	void deltaChartSortsTheBestRerankedConfigurationsPerQueryChangesAroundZero() throws Exception {
		Latency rerank = new Latency(20, 30, 35, 21, 4);
		ConfigurationResult dense = SyntheticReports.firstStage(0.5, 4);
		ConfigurationResult at10 = SyntheticReports.reranked(10, 0.55, rerank, 4);
		ConfigurationResult at20 = SyntheticReports.reranked(20, 0.6, rerank, 4);
		EvaluationReport report = SyntheticReports.report(List.of(dense, at10, at20),
				List.of(new Comparison("dense", "dense+test@20", "nDCG@10", 4, 0.1, 0.25, -0.1, 0.3, false)));
		List<ConfigurationRun> runs = List.of(SyntheticReports.run(dense, 0.5, 0.5, 0.5, 0.5),
				SyntheticReports.run(at10, 0.6, 0.5, 0.5, 0.6), SyntheticReports.run(at20, 0.9, 0.3, 0.5, 0.7));

		String svg = DeltaChart.render(report, runs).orElseThrow();

		List<String> texts = texts(svg);
		assertThat(texts).contains("nDCG@10 change per query (axis ±0.50)", "+0.50", "+0.25", "+0.00", "-0.25", "-0.50",
				"over dense (test-embedding)");
		assertThat(texts)
			.anySatisfy(text -> assertThat(text).startsWith("Per-query nDCG@10 change: ").endsWith("test-model @ 20"));
		assertThat(texts).anySatisfy(text -> assertThat(text).contains("n = 4 queries")
			.contains("mean change +0.1000")
			.contains("p = 0.2500")
			.contains("2 better")
			.contains("1 worse")
			.contains("1 equal"));
		// four bars, from the loss (-0.2) to the largest gain (+0.4): heights follow the
		// changes, 140 px being the ±0.50 range
		NodeList rects = ReportWriterTests.parse(svg).getElementsByTagName("rect");
		List<Double> heights = new ArrayList<>();
		List<String> fills = new ArrayList<>();
		for (int i = 0; i < rects.getLength(); i++) {
			Element rect = (Element) rects.item(i);
			if ("delta".equals(rect.getAttribute("class"))) {
				heights.add(Double.parseDouble(rect.getAttribute("height")));
				fills.add(rect.getAttribute("fill"));
			}
		}
		assertThat(heights).containsExactly(56.0, 0.0, 56.0, 112.0);
		assertThat(fills).containsExactly("#d62728", "#2ca02c", "#2ca02c", "#2ca02c");
	}

	@Test
	void noDeltaChartWithoutARerankedConfiguration() {
		ConfigurationResult dense = SyntheticReports.firstStage(0.5, 2);
		EvaluationReport report = SyntheticReports.report(List.of(dense), List.of());
		assertThat(DeltaChart.render(report, List.of(SyntheticReports.run(dense, 0.5, 0.5)))).isEmpty();
	}

	@Test
	void scaleRoundsUpToAReadableNumberAndTextIsEscaped() {
		assertThat(Svg.niceCeiling(0.43)).isEqualTo(0.5);
		assertThat(Svg.niceCeiling(0.61)).isEqualTo(1.0);
		assertThat(Svg.niceCeiling(17)).isEqualTo(20);
		assertThat(Svg.niceCeiling(0)).isEqualTo(1);
		assertThat(Svg.escape("a < b & \"c\"")).isEqualTo("a &lt; b &amp; &quot;c&quot;");
	}

	private static List<String> texts(String svg) throws Exception {
		NodeList nodes = ReportWriterTests.parse(svg).getElementsByTagName("text");
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent());
		}
		return texts;
	}

}

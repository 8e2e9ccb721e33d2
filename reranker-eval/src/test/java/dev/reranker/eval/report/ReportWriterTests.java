package dev.reranker.eval.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.metrics.QualityMetrics;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTests {

	@TempDir
	Path folder;

	@Test
	void writesJsonThatReadsBackMarkdownWithOneRowPerConfigurationAndAWellFormedSvg() throws Exception {
		EvaluationReport report = report();

		List<Path> files = ReportWriter.write(report, this.folder.resolve("out"));

		assertThat(files).extracting(path -> path.getFileName().toString())
			.containsExactly(ReportWriter.JSON, ReportWriter.MARKDOWN, ReportWriter.CHART);
		assertThat(ReportWriter.read(files.get(0))).isEqualTo(report);

		String markdown = Files.readString(files.get(1));
		assertThat(markdown).contains("| dense | 0.4000 | 0.6000 |")
			.contains("| dense + test-model @ 10 | 0.5000 |")
			.contains("| dense + test-model @ 20 | 0.5500 |")
			.contains("Excluded from candidate lists: 3 query-document pairs (`qrels/source.tsv`)")
			.contains("![Quality and latency versus rerank depth](chart.svg)")
			.contains("Command: `./mvnw");

		String svg = Files.readString(files.get(2));
		org.w3c.dom.Document parsed = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(parsed.getDocumentElement().getTagName()).isEqualTo("svg");
		// one quality line and two latency lines (p50, p95) for the reranked series
		assertThat(parsed.getElementsByTagName("polyline").getLength()).isEqualTo(3);
		assertThat(svg).contains("dense + test-model").contains("dense (first stage alone)");
	}

	@Test
	void chartScaleRoundsUpToAReadableNumber() {
		assertThat(SvgChart.niceCeiling(0.43)).isEqualTo(0.5);
		assertThat(SvgChart.niceCeiling(0.61)).isEqualTo(1.0);
		assertThat(SvgChart.niceCeiling(17)).isEqualTo(20);
		assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
		assertThat(SvgChart.escape("a < b & \"c\"")).isEqualTo("a &lt; b &amp; &quot;c&quot;");
	}

	private static EvaluationReport report() {
		Latency retrieval = new Latency(5, 8, 9, 5.5, 10);
		Latency rerank = new Latency(20, 30, 35, 21, 10);
		Latency total = new Latency(25, 38, 44, 26.5, 10);
		return new EvaluationReport(
				new EvaluationReport.Dataset("tiny", "qrels/test.tsv", "qrels/source.tsv", 10,
						new BeirDataset.Statistics(100, 12, 2, 0, 40, 0, 0, 3, 0)),
				new EvaluationReport.Settings("./mvnw … --eval.dataset=tiny", 100, List.of(10, 20), 5, true),
				new EvaluationReport.Environment(2, "Linux", "amd64", "17", "2026-01-01T00:00:00Z"),
				List.of(new EvaluationReport.FirstStageIndexing("dense", 100, 1.5)),
				List.of(new ConfigurationResult("dense", null, null, new QualityMetrics(0.4, 0.6, 0.3, 0.4, 0.7, 0.8),
						retrieval, null, retrieval, 181.8, null),
						new ConfigurationResult("dense", "test-model", 10,
								new QualityMetrics(0.5, 0.7, 0.35, 0.45, 0.7, 0.8), retrieval, rerank, total, 37.7,
								476.0),
						new ConfigurationResult("dense", "test-model", 20,
								new QualityMetrics(0.55, 0.72, 0.36, 0.47, 0.7, 0.8), retrieval, rerank, total, 37.7,
								952.0)),
				List.of());
	}

}

package dev.reranker.eval.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTests {

	@TempDir
	Path folder;

	@Test
	void writesJsonThatReadsBackMarkdownWithOneRowPerConfigurationAndAWellFormedSvg() throws Exception {
		Latency rerank = new Latency(20, 30, 35, 21, 4);
		EvaluationReport report = SyntheticReports.report(
				List.of(SyntheticReports.firstStage(0.4, 4), SyntheticReports.reranked(10, 0.5, rerank, 4),
						SyntheticReports.reranked(20, 0.55, rerank, 4)),
				List.of(new Comparison("dense", "dense+test@10", "nDCG@10", 4, 0.1, 0.0123, 0.05, 0.15, true),
						new Comparison("dense", "dense+test@20", "nDCG@10", 4, 0.15, 0.2, -0.01, 0.3, false)));

		List<Path> files = ReportWriter.write(report, this.folder.resolve("out"));

		assertThat(files).extracting(path -> path.getFileName().toString())
			.containsExactly(ReportWriter.JSON, ReportWriter.MARKDOWN, ReportWriter.CHART);
		assertThat(ReportWriter.read(files.get(0))).isEqualTo(report);

		String markdown = Files.readString(files.get(1));
		assertThat(markdown).contains("| dense (test-embedding) | `dense` | 4 | 0.4000 | – | 0.6000 |")
			.contains(
					"| dense (test-embedding) + test-model @ 10 | `dense+test@10` | 4 | 0.5000 | +0.1000 (p = 0.012) † |")
			.contains(
					"| dense (test-embedding) + test-model @ 20 | `dense+test@20` | 4 | 0.5500 | +0.1500 (p = 0.200) |")
			.contains("| `dense` | `dense+test@10` | nDCG@10 | 4 | +0.1000 † | [+0.0500, +0.1500] | p = 0.012 |")
			.contains("Queries evaluated: 4 of 12 queries (random sample, seed 42)")
			.contains("| dense (test-embedding) | 100 | 12.5 | 0.4 | embedded 100 texts (12.5 s); filled")
			.contains("Excluded from candidate lists: 3 query-document pairs (`qrels/source.tsv`)")
			.contains("![Quality and latency versus rerank depth](chart.svg)")
			.doesNotContain("per-query-delta.svg")
			.contains("Command: `./mvnw");

		String svg = Files.readString(files.get(2));
		org.w3c.dom.Document parsed = parse(svg);
		assertThat(parsed.getDocumentElement().getTagName()).isEqualTo("svg");
		// one quality line and two latency lines (p50, p95) for the reranked series
		assertThat(parsed.getElementsByTagName("polyline").getLength()).isEqualTo(3);
		assertThat(svg).contains("dense + test-model").contains("dense (first stage alone)");
	}

	@Test
	void withPerQueryRunsAlsoWritesTablesRunFilesQrelsAndTheDeltaChart() throws Exception {
		Latency rerank = new Latency(20, 30, 35, 21, 3);
		ConfigurationResult dense = SyntheticReports.firstStage(0.5, 3);
		ConfigurationResult reranked = SyntheticReports.reranked(10, 0.6, rerank, 3);
		EvaluationReport report = SyntheticReports.report(List.of(dense, reranked), List.of());
		List<ConfigurationRun> runs = List.of(SyntheticReports.run(dense, 0.5, 0.5, 0.5),
				SyntheticReports.run(reranked, 0.8, 0.5, 0.5));

		List<Path> files = ReportWriter.write(report, runs, Map.of("q1", Map.of("d0", 2, "z", 0)),
				this.folder.resolve("out"));

		Path out = this.folder.resolve("out");
		assertThat(files).contains(out.resolve(ReportWriter.DELTA_CHART), out.resolve(PerQueryTable.JSON),
				out.resolve(PerQueryTable.CSV), out.resolve(RunFiles.QRELS),
				out.resolve(RunFiles.FOLDER).resolve("dense.run"),
				out.resolve(RunFiles.FOLDER).resolve("dense+test@10.run"));
		assertThat(Files.readAllLines(out.resolve(PerQueryTable.CSV))).containsExactly(PerQueryTable.HEADER,
				"q1,dense,0.5,0.0,0.0,0.0,0.0,0.0", "q2,dense,0.5,0.0,0.0,0.0,0.0,0.0",
				"q3,dense,0.5,0.0,0.0,0.0,0.0,0.0", "q1,dense+test@10,0.8,0.0,0.0,0.0,0.0,0.0",
				"q2,dense+test@10,0.5,0.0,0.0,0.0,0.0,0.0", "q3,dense+test@10,0.5,0.0,0.0,0.0,0.0,0.0");
		assertThat(Files.readString(out.resolve(PerQueryTable.JSON))).contains("\"queryId\" : \"q1\"")
			.contains("\"configuration\" : \"dense+test@10\"");
		assertThat(Files.readAllLines(out.resolve(RunFiles.QRELS))).containsExactlyInAnyOrder("q1 0 d0 2", "q1 0 z 0");
		assertThat(Files.readAllLines(out.resolve(RunFiles.FOLDER).resolve("dense+test@10.run")))
			.startsWith("q1 Q0 d0 1 2 dense+test@10", "q1 Q0 x0 2 1 dense+test@10", "q2 Q0 d1 1 2 dense+test@10");
		assertThat(Files.readString(out.resolve(ReportWriter.MARKDOWN)))
			.contains("![Per-query nDCG@10 change of the best reranked configuration](per-query-delta.svg)");
		assertThat(parse(Files.readString(out.resolve(ReportWriter.DELTA_CHART))).getDocumentElement().getTagName())
			.isEqualTo("svg");
	}

	@Test
	void csvFieldsWithCommasOrQuotesAreQuoted() {
		assertThat(PerQueryTable.csv("plain")).isEqualTo("plain");
		assertThat(PerQueryTable.csv("a,b")).isEqualTo("\"a,b\"");
		assertThat(PerQueryTable.csv("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
		assertThat(RunFiles.fileName("dense+local-int8@20")).isEqualTo("dense+local-int8@20.run");
		assertThat(RunFiles.fileName("a/b:c")).isEqualTo("a-b-c.run");
	}

	static org.w3c.dom.Document parse(String svg) throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

}

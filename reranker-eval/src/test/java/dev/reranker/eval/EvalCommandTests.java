package dev.reranker.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.dataset.DatasetException;
import dev.reranker.eval.dataset.EvalQuery;
import dev.reranker.eval.dataset.QueryFolds;
import dev.reranker.eval.dataset.QuerySample;
import dev.reranker.eval.metrics.QualityMetrics;
import dev.reranker.eval.metrics.RankingMetrics;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.PerQueryTable;
import dev.reranker.eval.report.ReportWriter;
import dev.reranker.eval.report.RunFiles;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The CLI on a small dataset: the dense first stage with the real local embedding model,
 * then a rerank provider started through Spring Boot auto-configuration with reranker.*
 * properties, in two variants side by side.
 */
class EvalCommandTests {

	@TempDir
	Path folder;

	@BeforeEach
	void writeDataset() throws IOException {
		Files.writeString(this.folder.resolve("corpus.jsonl"),
				"""
						{"_id": "wing", "title": "Wings", "text": "Lift and drag of a swept wing at transonic speed."}
						{"_id": "slab", "title": "Heat", "text": "Heat conduction in composite slabs with a linear heat input."}
						{"_id": "shell", "title": "Shells", "text": "Buckling of thin cylindrical shells under axial compression."}
						{"_id": "plate", "title": "Plates", "text": "Boundary layer on a flat plate in simple shear flow."}
						{"_id": "jet", "title": "Jets", "text": "Noise of a supersonic jet and its shock cells."}
						""");
		Files.writeString(this.folder.resolve("queries.jsonl"), """
				{"_id": "1", "text": "heat conduction in composite slabs"}
				{"_id": "2", "text": "buckling of cylindrical shells"}
				""");
		Files.createDirectories(this.folder.resolve("qrels"));
		Files.writeString(this.folder.resolve("qrels/test.tsv"), "1\tslab\t2\n2\tshell\t1\n2\tplate\t0\n");
	}

	@Test
	void evaluatesTheFirstStageAndEachProviderVariantAtEveryDepth() throws IOException {
		Path output = this.folder.resolve("report");
		run("--eval.dataset=" + this.folder, "--eval.output=" + output, "--eval.depths=2,4", "--eval.warmup-queries=1",
				"--eval.embedding.cache=false", "--eval.providers=term-overlap,term-overlap:titles",
				"--reranker.term-overlap.model=base", "--eval.variants.titles.reranker.term-overlap.model=variant");

		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		String dense = "dense (all-minilm-l6-v2, fp32, mean pooling, 256 tokens, in memory)";
		assertThat(report.results()).extracting(ConfigurationResult::label)
			.containsExactly(dense, dense + " + term-overlap (base) @ 2", dense + " + term-overlap (base) @ 4",
					dense + " + term-overlap (variant) [titles] @ 2", dense + " + term-overlap (variant) [titles] @ 4");
		assertThat(report.results()).extracting(ConfigurationResult::tag)
			.containsExactly("dense", "dense+term-overlap@2", "dense+term-overlap@4", "dense+term-overlap-titles@2",
					"dense+term-overlap-titles@4");
		assertThat(report.results()).allSatisfy(result -> {
			assertThat(result.quality().ndcg10()).isBetween(0.0, 1.0);
			assertThat(result.retrieval().samples()).isEqualTo(2);
		});
		// the word-overlap reranker puts the one relevant document first for both queries
		assertThat(report.results().get(2).quality().mrr10()).isEqualTo(1.0);
		assertThat(report.results().get(2).rerank().samples()).isEqualTo(2);
		assertThat(report.settings().command()).contains("--eval.providers=term-overlap,term-overlap:titles");
		assertThat(output.resolve(ReportWriter.CHART)).isRegularFile();
		assertThat(output.resolve(ReportWriter.DELTA_CHART)).isRegularFile();
		// every reranked configuration against the first stage, and depth 2 against 4, on
		// three metrics
		assertThat(report.comparisons()).hasSize((4 + 2) * 3);
		assertThat(report.comparison("dense+term-overlap@2", "dense+term-overlap@4", "nDCG@10")).isPresent();
		assertThat(report.comparisons()).allSatisfy(comparison -> {
			assertThat(comparison.queries()).isEqualTo(2);
			assertThat(comparison.pValue()).isGreaterThan(0).isLessThanOrEqualTo(1);
			assertThat(comparison.meanDifference()).isBetween(comparison.ciLow(), comparison.ciHigh());
		});
		assertThat(report.firstStages().get(0).steps()).anySatisfy(step -> assertThat(step).startsWith("embedded 5"));
		assertThat(report.firstStages().get(0).embeddingSeconds()).isPositive();
		assertRunFilesReproduceTheReport(report, output);
	}

	/**
	 * Reads every run file the way trec_eval does (format checked line by line, documents
	 * ordered by score, ties by id) and scores it with the project's metrics: the figures
	 * must be the report's, per query (the CSV) and on average (the JSON).
	 */
	private static void assertRunFilesReproduceTheReport(EvaluationReport report, Path output) throws IOException {
		Map<String, Map<String, Integer>> qrels = TrecFiles.readQrels(output.resolve(RunFiles.QRELS));
		assertThat(qrels).isEqualTo(Map.of("1", Map.of("slab", 2), "2", Map.of("shell", 1, "plate", 0)));
		List<String> csv = Files.readAllLines(output.resolve(PerQueryTable.CSV));
		assertThat(csv.get(0)).isEqualTo(PerQueryTable.HEADER);
		assertThat(csv).hasSize(1 + 2 * report.results().size());
		for (ConfigurationResult result : report.results()) {
			Path file = output.resolve(RunFiles.FOLDER).resolve(RunFiles.fileName(result.tag()));
			Map<String, Map<String, Double>> run = TrecFiles.readRun(file, result.tag());
			assertThat(run.keySet()).containsExactly("1", "2");
			List<QualityMetrics> perQuery = new ArrayList<>();
			for (Map.Entry<String, Map<String, Double>> query : run.entrySet()) {
				assertThat(query.getValue()).isNotEmpty();
				List<String> ranking = RankingMetrics.trecEvalOrder(query.getValue());
				QualityMetrics quality = QualityMetrics.of(ranking, qrels.get(query.getKey()));
				perQuery.add(quality);
				assertThat(csv).contains(query.getKey() + "," + result.tag() + "," + quality.ndcg10() + ","
						+ quality.mrr10() + "," + quality.recall5() + "," + quality.recall10() + ","
						+ quality.recall50() + "," + quality.recall100());
			}
			assertThat(QualityMetrics.mean(perQuery)).as(result.tag()).isEqualTo(result.quality());
		}
	}

	@Test
	void maxQueriesDrawsARandomSampleWithARecordedSeedUnlessTheFirstAreAskedFor() throws IOException {
		Path random = this.folder.resolve("random");
		run("--eval.dataset=" + this.folder, "--eval.output=" + random, "--eval.embedding.cache=false",
				"--eval.max-queries=1", "--eval.sample-seed=3", "--eval.warmup-queries=0");
		EvaluationReport report = ReportWriter.read(random.resolve(ReportWriter.JSON));
		QuerySample.Selection expected = QuerySample
			.select(List.of(new EvalQuery("1", "heat conduction in composite slabs"),
					new EvalQuery("2", "buckling of cylindrical shells")), 1, QuerySample.Mode.RANDOM, 3);
		assertThat(report.dataset().sample()).isEqualTo(new QuerySample(QuerySample.Mode.RANDOM, 3L, 1, 2));
		assertThat(report.results()).allSatisfy(result -> assertThat(result.queries()).isEqualTo(1));
		assertThat(Files.readAllLines(random.resolve(PerQueryTable.CSV)).get(1))
			.startsWith(expected.queries().get(0).id() + ",dense,");
		assertThat(Files.readString(random.resolve(ReportWriter.MARKDOWN)))
			.contains("Queries evaluated: 1 of 2 queries (random sample, seed 3)")
			.contains("| Configuration | Run tag | Queries |")
			.contains("| `dense` | 1 |");
		assertThat(Files.readString(random.resolve(ReportWriter.CHART)))
			.contains("n = 1 queries: 1 of 2 queries (random sample, seed 3)");

		Path first = this.folder.resolve("first");
		run("--eval.dataset=" + this.folder, "--eval.output=" + first, "--eval.embedding.cache=false",
				"--eval.max-queries=1", "--eval.sample=first", "--eval.warmup-queries=0");
		EvaluationReport firstReport = ReportWriter.read(first.resolve(ReportWriter.JSON));
		assertThat(firstReport.dataset().sample()).isEqualTo(new QuerySample(QuerySample.Mode.FIRST, null, 1, 2));
		assertThat(Files.readAllLines(first.resolve(PerQueryTable.CSV)).get(1)).startsWith("1,dense,");
	}

	@Test
	void foldsEvaluateOnlyTheHeldOutQueriesOfTheSplitTheTrainerUses() throws IOException {
		QueryFolds folds = QueryFolds.of(List.of("1", "2"), 2, 7L);
		Path output = this.folder.resolve("fold1");
		run("--eval.dataset=" + this.folder, "--eval.output=" + output, "--eval.embedding.cache=false",
				"--eval.folds=2", "--eval.fold=1", "--eval.fold-seed=7", "--eval.warmup-queries=0");
		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		assertThat(report.results()).allSatisfy(result -> assertThat(result.queries()).isEqualTo(1));
		List<String> csv = Files.readAllLines(output.resolve(PerQueryTable.CSV));
		assertThat(csv).hasSize(2);
		assertThat(folds.heldOut(1)).containsExactly(csv.get(1).substring(0, csv.get(1).indexOf(',')));
		assertThat(report.notes())
			.anySatisfy(note -> assertThat(note).startsWith("Only fold 1 of 2").contains("1 of 2 judged queries"));
	}

	@Test
	void aProviderThatCannotStartIsNamedInTheError() {
		assertThatException()
			.isThrownBy(() -> run("--eval.dataset=" + this.folder, "--eval.output=" + this.folder.resolve("r"),
					"--eval.embedding.cache=false", "--eval.providers=no-such-provider"))
			.withStackTraceContaining("Rerank provider 'no-such-provider' could not start");
	}

	@Test
	void aVariantWithoutPropertiesIsNamedInTheError() {
		assertThatException()
			.isThrownBy(() -> run("--eval.dataset=" + this.folder, "--eval.output=" + this.folder.resolve("r"),
					"--eval.embedding.cache=false", "--eval.providers=term-overlap:int8"))
			.withStackTraceContaining("eval.variants.int8");
	}

	@Test
	void missingDatasetOptionSaysWhatToPass() {
		assertThatException().isThrownBy(() -> run("--eval.output=" + this.folder.resolve("r")))
			.isInstanceOf(DatasetException.class)
			.withMessageContaining("--eval.dataset=");
	}

	@Test
	void invalidSettingsNameTheProperty() {
		assertThatException()
			.isThrownBy(() -> run("--eval.dataset=" + this.folder, "--eval.retrieval-depth=50", "--eval.depths=10,200",
					"--eval.postgres.schema=x;drop", "--eval.folds=5", "--eval.fold=5"))
			.withStackTraceContaining(
					"eval.retrieval-depth must be at least 100 and at least the largest of" + " eval.depths (200)")
			.withStackTraceContaining("eval.postgres.schema must be a plain SQL identifier")
			.withStackTraceContaining("eval.fold=5 is not a fold of 5; use 0 to 4");
	}

	@Test
	void unknownFirstStageListsTheKnownOnes() {
		assertThatException()
			.isThrownBy(() -> run("--eval.dataset=" + this.folder, "--eval.output=" + this.folder.resolve("r"),
					"--eval.first-stages=bm42"))
			.withStackTraceContaining("Unknown first stage 'bm42' in eval.first-stages; choose from [dense,"
					+ " pgvector, keyword, hybrid]");
	}

	@Test
	void datasetFailuresAreAnalyzedIntoWhatToChange() {
		DatasetException failure = new DatasetException(
				"File 'x/qrels/dev.tsv' does not exist; pass the right file" + " with --eval.qrels");
		org.springframework.boot.diagnostics.FailureAnalysis analysis = new DatasetFailureAnalyzer()
			.analyze(new IllegalStateException(failure));
		assertThat(analysis.getDescription()).contains("qrels/dev.tsv");
		assertThat(analysis.getAction()).contains("--eval.dataset").contains("BEIR layout");
	}

	// The failures these tests provoke are asserted on the exception; Boot's failure
	// report and the
	// context's warning would only make a green build read like a red one.
	private static final List<String> QUIET_FAILURES = List.of(
			"--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off",
			"--logging.level.org.springframework.boot.SpringApplication=off",
			"--logging.level.org.springframework.context=error");

	static void run(String... args) {
		List<String> arguments = new ArrayList<>(QUIET_FAILURES);
		arguments.addAll(List.of(args));
		try (ConfigurableApplicationContext context = SpringApplication.run(RerankerEvalApplication.class,
				arguments.toArray(String[]::new))) {
			assertThat(context.isActive()).isTrue();
		}
	}

}

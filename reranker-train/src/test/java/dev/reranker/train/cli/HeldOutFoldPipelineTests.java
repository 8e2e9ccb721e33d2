package dev.reranker.train.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.RerankerEvalApplication;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.dataset.QueryFolds;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.PerQueryTable;
import dev.reranker.eval.report.ReportWriter;
import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.TinyBeirDataset;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof pipeline of docs/training.md in miniature (scripts/cranfield-folds.sh runs it
 * on Cranfield): reranker-train trains on all folds but one, reranker-eval evaluates only
 * that held-out fold, reranking with the exported model through the local provider
 * ({@code file:}).
 */
class HeldOutFoldPipelineTests {

	@TempDir
	Path temp;

	@Test
	void trainsOnTheOtherFoldsAndEvaluatesTheHeldOutOneWithTheExportedModel() throws Exception {
		Path dataset = TinyBeirDataset.write(this.temp.resolve("dataset"));
		QueryFolds folds = QueryFolds.of(
				BeirDatasetReader.read(dataset, new BeirDatasetReader.Options("qrels/train.tsv", "exclude.tsv")), 3,
				42L);
		// the fold holding out q2 (judged relevant: d2) trains on q1 (and q3, without a
		// positive)
		int fold = List.of(0, 1, 2)
			.stream()
			.filter((i) -> folds.heldOut(i).equals(Set.of("q2")))
			.findFirst()
			.orElseThrow();
		Path model = this.temp.resolve("model");
		RerankerTrainApplication.application()
			.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.dataset=" + dataset,
					"--train.exclude=exclude.tsv", "--train.random-negatives=3", "--train.folds=3",
					"--train.fold=" + fold, "--train.output=" + model, "--train.max-steps=3", "--train.batch-size=1",
					"--train.negatives-per-group=2", "--train.max-length=64")
			.close();

		Path report = this.temp.resolve("eval");
		SpringApplication
			.run(RerankerEvalApplication.class, "--eval.dataset=" + dataset, "--eval.qrels=qrels/train.tsv",
					"--eval.exclude=exclude.tsv", "--eval.folds=3", "--eval.fold=" + fold, "--eval.depths=2",
					"--eval.warmup-queries=0", "--eval.embedding.cache=false", "--eval.output=" + report,
					"--eval.providers=local:trained", "--eval.variants.trained.reranker.local.model=file:" + model)
			.close();

		EvaluationReport evaluated = ReportWriter.read(report.resolve(ReportWriter.JSON));
		assertThat(evaluated.results()).extracting(ConfigurationResult::tag)
			.containsExactly("dense", "dense+local-trained@2");
		assertThat(evaluated.results()).allSatisfy((result) -> assertThat(result.queries()).isEqualTo(1));
		assertThat(evaluated.results().get(1).rerank()).isNotNull();
		List<String> perQuery = Files.readAllLines(report.resolve(PerQueryTable.CSV));
		assertThat(perQuery.subList(1, perQuery.size())).hasSize(2)
			.allSatisfy((line) -> assertThat(line).startsWith("q2,"));
	}

}

package dev.reranker.train.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.TinyBeirDataset;
import dev.reranker.train.TrainingExample;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.data.BeirExamples;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Hard negatives mined from the command line with the PostgreSQL first stages (keyword
 * BM25 and hybrid) against a real PostgreSQL with pgvector ({@link PostgresExtension}: a
 * schema of the class's own). From the command line, groups of two negatives from one
 * random negative each: a run succeeds only when the stage mined a hard one for every
 * query.
 */
class PostgresMiningTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@TempDir
	Path temp;

	@Test
	void keywordStageMinesTheBm25HitsThatAreNeitherJudgedRelevantNorExcluded() {
		BeirDataset dataset = BeirDatasetReader.read(TinyBeirDataset.write(this.temp.resolve("dataset")),
				new BeirDatasetReader.Options("qrels/train.tsv", "exclude.tsv"));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", postgres.url(),
					"spring.datasource.username", postgres.user(), "spring.datasource.password", postgres.password())));
		FirstStage keyword = MiningStage.index("keyword", dataset, false, postgres.schema(), environment);
		List<TrainingExample> examples = BeirExamples.build(dataset,
				new BeirExamples.Options(2, 30, 0, false, 1L, null), keyword);
		// 'makes' and 'tides' are in d3; d5 ('oceans') is excluded for q1, d1 is its
		// positive
		assertThat(examples.get(0).query()).isEqualTo("what makes the tides of the oceans");
		assertThat(examples.get(0).negatives()).containsExactly("the moon makes tides rise twice a day");
		// no other document shares a word with 'why is the sky blue' but its positive
		assertThat(examples.get(1).negatives()).isEmpty();
	}

	@Test
	void hybridStageMinesAHardNegativeForEveryQueryFromTheCommandLine() {
		Path output = this.temp.resolve("model");
		run("hybrid", output);
		assertThat(CheckpointReader.read(output).hasHead()).isTrue();
	}

	@Test
	void anUnknownMiningStageListsTheKnownOnes() {
		assertThatException().isThrownBy(() -> run("bm42", this.temp.resolve("model")))
			.withStackTraceContaining("Unknown first stage 'bm42' in --train.mining-stage; choose from [dense,"
					+ " pgvector, keyword, hybrid]");
	}

	private void run(String stage, Path output) {
		Path dataset = TinyBeirDataset.write(this.temp.resolve("dataset"));
		RerankerTrainApplication.application()
			.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.dataset=" + dataset,
					"--train.exclude=exclude.tsv", "--train.hard-negatives=1", "--train.random-negatives=1",
					"--train.mining-stage=" + stage, "--train.postgres-schema=" + postgres.schema(),
					"--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.user(),
					"--spring.datasource.password=" + postgres.password(), "--train.output=" + output,
					"--train.max-steps=2", "--train.batch-size=2", "--train.negatives-per-group=2",
					"--train.max-length=64", "--logging.level.org.springframework.boot.SpringApplication=off")
			.close();
	}

}

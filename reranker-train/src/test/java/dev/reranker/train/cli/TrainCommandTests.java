package dev.reranker.train.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.TinyBeirDataset;
import dev.reranker.train.TinyCorpus;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.data.TrainingDataException;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line, run in-process on the tiny BERT fixture and JSONL pairs. */
class TrainCommandTests {

	@TempDir
	Path temp;

	@Test
	void trainsOnJsonlPairsAndExportsACrossEncoder() throws Exception {
		Path pairs = this.temp.resolve("pairs.jsonl");
		JsonMapper json = JsonMapper.builder().build();
		List<String> lines = TinyCorpus.examples().stream().map(json::writeValueAsString).toList();
		Files.write(pairs, lines);
		Path output = this.temp.resolve("model");
		try (ConfigurableApplicationContext context = RerankerTrainApplication.application()
			.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.pairs=" + pairs, "--train.output=" + output,
					"--train.max-steps=5", "--train.batch-size=2", "--train.negatives-per-group=3",
					"--train.max-length=64", "--train.learning-rate=0.003")) {
			assertThat(context.getBean(TrainProperties.class).getMaxSteps()).isEqualTo(5);
		}
		Checkpoint exported = CheckpointReader.read(output);
		assertThat(exported.hasHead()).isTrue();
		assertThat(exported.config().layers()).isEqualTo(2);
	}

	@Test
	void trainsOnADatasetWithDenseHardNegatives() {
		// Groups of 2 negatives from 1 random one each: without a mined hard negative the
		// run is refused.
		Path dataset = TinyBeirDataset.write(this.temp.resolve("dataset"));
		Path output = this.temp.resolve("model");
		RerankerTrainApplication.application()
			.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.dataset=" + dataset,
					"--train.exclude=exclude.tsv", "--train.hard-negatives=1", "--train.random-negatives=1",
					"--train.output=" + output, "--train.max-steps=3", "--train.batch-size=2",
					"--train.negatives-per-group=2", "--train.max-length=64")
			.close();
		assertThat(CheckpointReader.read(output).hasHead()).isTrue();
	}

	@Test
	void withoutTrainingDataSaysWhatToPass() {
		assertThatThrownBy(() -> RerankerTrainApplication.application()
			.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.output=" + this.temp.resolve("model")))
			.isInstanceOf(TrainingDataException.class)
			.hasMessage("Give exactly one of --train.pairs=<JSONL file> and --train.dataset=<folder in BEIR layout>");
	}

}

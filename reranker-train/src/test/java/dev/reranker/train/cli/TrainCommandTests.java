package dev.reranker.train.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.testfixtures.http.LoopbackJudgeServer;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Reply;
import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.TinyBeirDataset;
import dev.reranker.train.TinyCorpus;
import dev.reranker.train.TrainingExample;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.data.JsonlExamples;
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
	void trainsWithoutJudgmentsOnQueriesAChatModelWritesForTheCorpus() {
		Path dataset = TinyBeirDataset.write(this.temp.resolve("dataset"));
		Path output = this.temp.resolve("model");
		Path generated = this.temp.resolve("generated.jsonl");
		// the loopback chat model answers each passage's own words as its query
		try (LoopbackJudgeServer server = LoopbackJudgeServer.start()
			.faults((chat) -> Reply.answer((request) -> passage(request.userText()).toLowerCase(Locale.ROOT)))) {
			RerankerTrainApplication.application()
				.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.dataset=" + dataset,
						"--train.generate.passages=3", "--train.generate.keep-top=1",
						"--train.generate.output=" + generated, "--train.hard-negatives=1",
						"--train.random-negatives=2", "--train.output=" + output, "--train.max-steps=3",
						"--train.batch-size=2", "--train.negatives-per-group=2", "--train.max-length=64",
						"--spring.ai.openai.base-url=" + server.baseUrl(), "--spring.ai.openai.api-key=sk-loopback",
						"--spring.ai.openai.chat.options.model=query-writer")
				.close();
			assertThat(server.requests()).hasSize(3)
				.allSatisfy((chat) -> assertThat(chat.model()).isEqualTo("query-writer"));
		}
		List<TrainingExample> examples = JsonlExamples.read(generated);
		assertThat(examples).hasSize(3)
			.allSatisfy((example) -> assertThat(example.query()).isEqualTo(example.positive().toLowerCase(Locale.ROOT)))
			.allSatisfy((example) -> assertThat(example.negatives()).hasSize(3));
		assertThat(CheckpointReader.read(output).hasHead()).isTrue();
	}

	private static String passage(String prompt) {
		int start = prompt.indexOf("Passage: ") + "Passage: ".length();
		return prompt.substring(start, prompt.indexOf('\n', start)).trim();
	}

	@Test
	void withoutTrainingDataSaysWhatToPass() {
		assertThatThrownBy(() -> RerankerTrainApplication.application()
			.run("--train.start=" + StartCheckpoints.tinyBert(), "--train.output=" + this.temp.resolve("model")))
			.isInstanceOf(TrainingDataException.class)
			.hasMessage("Give exactly one of --train.pairs=<JSONL file> and --train.dataset=<folder in BEIR layout>");
	}

}

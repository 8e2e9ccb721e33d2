package dev.reranker.train.generate;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Reply;
import dev.reranker.train.TermOverlapStage;
import dev.reranker.train.TinyBeirDataset;
import dev.reranker.train.TrainingExample;
import dev.reranker.train.data.TrainingDataException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Examples from generated queries on the tiny dataset's corpus, filtered by a
 * term-overlap first stage, the queries written by a loopback OpenAI-compatible server.
 */
class GeneratedExamplesTests {

	static LoopbackJudgeServer server;

	@TempDir
	static Path temp;

	static BeirDataset corpus;

	@BeforeAll
	static void start() {
		server = LoopbackQueryWriter.start();
		corpus = BeirDatasetReader.readCorpus(TinyBeirDataset.write(temp.resolve("dataset")));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void keepsTheQueriesWhoseSourcePassageTheFirstStageRanksInItsTopK() {
		GeneratedExamples.Result result = GeneratedExamples.build(corpus, generator(), new TermOverlapStage(corpus),
				new GeneratedExamples.Options(10, 1, 1, 5, 2, true, 7L, 2), GeneratedExamples.Listener.NONE);

		// five passages with text (d6 is empty), two queries each
		assertThat(result.passages()).isEqualTo(5);
		assertThat(result.generated()).isEqualTo(10);
		// each passage's own words rank it first; the bees query ranks only the bees
		// passage first
		assertThat(result.examples()).hasSize(6);
		assertThat(result.examples()).filteredOn((example) -> example.query().equals(LoopbackQueryWriter.OFF_TOPIC))
			.singleElement()
			.satisfies((example) -> assertThat(example.positive()).startsWith("Bees"));
		assertThat(result.examples()).allSatisfy((example) -> {
			assertThat(example.negatives()).hasSize(3).doesNotContain(example.positive()).noneMatch(String::isBlank);
		});
		TrainingExample tides = result.examples()
			.stream()
			.filter((example) -> example.positive().startsWith("Tides"))
			.findFirst()
			.orElseThrow();
		// the hard negative first: the moon passage shares the most words after the
		// source
		assertThat(tides.negatives().get(0)).startsWith("Moon");
	}

	@Test
	void theSamePassagesAreDrawnForTheSameSeed() {
		GeneratedExamples.Options options = new GeneratedExamples.Options(2, 5, 0, 5, 1, true, 3L, 1);
		List<TrainingExample> first = GeneratedExamples
			.build(corpus, generator(), new TermOverlapStage(corpus), options, GeneratedExamples.Listener.NONE)
			.examples();
		List<TrainingExample> second = GeneratedExamples
			.build(corpus, generator(), new TermOverlapStage(corpus), options, GeneratedExamples.Listener.NONE)
			.examples();
		assertThat(second).isEqualTo(first);
		assertThat(first.stream().map(TrainingExample::positive).distinct()).hasSize(2);
	}

	@Test
	void aFailedChatCallNamesThePassage() {
		try (LoopbackJudgeServer failing = LoopbackJudgeServer.start().faults((chat) -> Reply.status(500))) {
			QueryGenerator generator = new QueryGenerator(LoopbackQueryWriter.chatModel(failing),
					QueryGenerator.DEFAULT_PROMPT, 1);
			assertThatExceptionOfType(TrainingDataException.class)
				.isThrownBy(() -> GeneratedExamples.build(corpus, generator, new TermOverlapStage(corpus),
						new GeneratedExamples.Options(1, 1, 0, 1, 1, true, 7L, 1), GeneratedExamples.Listener.NONE))
				.withMessageMatching("Generating queries for passage 'd\\d' failed: .*")
				.withMessageContaining("spring.ai");
		}
	}

	@Test
	void noQueryKeptSaysWhatToChange() {
		// every query is about another passage than the one it was written for
		try (LoopbackJudgeServer misleading = LoopbackJudgeServer.start()
			.faults((chat) -> Reply.answer(LoopbackQueryWriter.passage(chat).startsWith("Bees") ? "why is the sky blue"
					: LoopbackQueryWriter.OFF_TOPIC))) {
			QueryGenerator generator = new QueryGenerator(LoopbackQueryWriter.chatModel(misleading),
					QueryGenerator.DEFAULT_PROMPT, 1);
			assertThatExceptionOfType(TrainingDataException.class)
				.isThrownBy(() -> GeneratedExamples.build(corpus, generator, new TermOverlapStage(corpus),
						new GeneratedExamples.Options(10, 1, 0, 1, 1, true, 7L, 2), GeneratedExamples.Listener.NONE))
				.withMessageContaining("None of the 5 generated queries")
				.withMessageContaining("--train.generate.keep-top");
		}
	}

	private static QueryGenerator generator() {
		return new QueryGenerator(LoopbackQueryWriter.chatModel(server), QueryGenerator.DEFAULT_PROMPT, 2);
	}

}

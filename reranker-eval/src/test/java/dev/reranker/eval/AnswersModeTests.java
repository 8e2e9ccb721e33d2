package dev.reranker.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.eval.answers.AnswerQuality;
import dev.reranker.eval.answers.ReferenceAnswersException;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.PerQueryTable;
import dev.reranker.eval.report.ReportWriter;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The answers mode end to end: the CLI evaluates the dense first stage, a word-overlap
 * reranker and a deliberately inverted one, and asks Spring AI's OpenAI chat model,
 * pointed at a loopback OpenAI-compatible server that answers from the context it is sent
 * ({@link ContextReader}), to answer every query from each configuration's top document.
 * The configuration with the better context must get the better answers, and the report
 * must show them next to nDCG with the paired test.
 */
class AnswersModeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static LoopbackJudgeServer server;

	@TempDir
	Path folder;

	private Path answers;

	@BeforeAll
	static void startServer() {
		server = ContextReader.server();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void writeDataset() throws IOException {
		Files.writeString(this.folder.resolve("corpus.jsonl"),
				"""
						{"_id": "shell", "text": "Buckling of thin cylindrical shells is caused by axial compression. The tests used steel tubes."}
						{"_id": "slab", "text": "Heat conduction in composite slabs is solved with a linear heat input. Results are tabulated."}
						{"_id": "jet", "text": "Supersonic jet noise comes from its shock cells. Microphones were placed downstream."}
						{"_id": "wing", "text": "Swept wing lift at transonic speed drops near the drag rise. The models were small."}
						{"_id": "plate", "text": "Flat plate boundary layer in shear flow becomes turbulent at high Reynolds number. Smoke showed it."}
						{"_id": "creep", "text": "Creep buckling of columns depends on the stress level. Lifetime curves were derived."}
						{"_id": "flutter", "text": "Panel flutter at supersonic speed is prevented by stiffening. Wind tunnel tests agreed."}
						{"_id": "cone", "text": "Pressure on a cone at angle of attack follows the cone tables. Entropy was uniform."}
						""");
		Files.writeString(this.folder.resolve("queries.jsonl"), """
				{"_id": "1", "text": "what causes buckling of thin cylindrical shells"}
				{"_id": "2", "text": "how is heat conduction in composite slabs solved"}
				{"_id": "3", "text": "where does supersonic jet noise come from"}
				{"_id": "4", "text": "what happens to swept wing lift at transonic speed"}
				{"_id": "5", "text": "when does a flat plate boundary layer become turbulent"}
				{"_id": "6", "text": "what does creep buckling of columns depend on"}
				""");
		Files.createDirectories(this.folder.resolve("qrels"));
		Files.writeString(this.folder.resolve("qrels/test.tsv"),
				"1\tshell\t1\n2\tslab\t1\n3\tjet\t1\n4\twing\t1\n5\tplate\t1\n6\tcreep\t1\n");
		this.answers = Files.writeString(this.folder.resolve("answers.jsonl"),
				"""
						{"query_id": "1", "answer": "buckling of thin cylindrical shells is caused by axial compression"}
						{"query_id": 2, "answer": ["heat conduction in composite slabs is solved with a linear heat input"]}
						{"query_id": "3", "answer": "supersonic jet noise comes from its shock cells"}

						{"query_id": "4", "answer": "swept wing lift at transonic speed drops near the drag rise"}
						{"query_id": "5", "answer": "flat plate boundary layer in shear flow becomes turbulent at high reynolds number"}
						{"query_id": "6", "answer": ["creep buckling of columns depends on the stress level", "on the stress"]}
						""");
	}

	private String[] arguments(Path output, String... more) {
		List<String> arguments = new java.util.ArrayList<>(List.of("--eval.dataset=" + this.folder,
				"--eval.output=" + output, "--eval.depths=8", "--eval.warmup-queries=0", "--eval.embedding.cache=false",
				"--eval.providers=term-overlap,term-overlap:inverse",
				"--eval.variants.inverse.reranker.term-overlap.model=inverse", "--eval.answers=" + this.answers,
				"--eval.answer.top-k=1", "--spring.ai.openai.base-url=" + server.baseUrl(),
				"--spring.ai.openai.api-key=test-key", "--spring.ai.openai.chat.options.model=loopback-reader"));
		arguments.addAll(List.of(more));
		return arguments.toArray(String[]::new);
	}

	@Test
	void betterContextGivesBetterAnswersReportedNextToNdcgWithThePairedTest() throws IOException {
		int before = server.requests().size();
		Path output = this.folder.resolve("report");
		EvalCommandTests.run(arguments(output));

		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		assertThat(report.results()).extracting(ConfigurationResult::tag)
			.containsExactly("dense", "dense+term-overlap@8", "dense+term-overlap-inverse@8");
		AnswerQuality words = report.results().get(1).answers();
		AnswerQuality inverse = report.results().get(2).answers();
		assertThat(report.results()).allSatisfy(result -> {
			assertThat(result.answers()).isNotNull();
			assertThat(result.answers().queries()).isEqualTo(6);
			assertThat(result.answers().topK()).isEqualTo(1);
			assertThat(result.answers().judge()).isNull();
		});
		// the word-overlap reranker puts each query's relevant document first, and the
		// reader copies the answer sentence from it; the inverted one feeds it the worst
		assertThat(report.results().get(1).quality().ndcg10()).isEqualTo(1.0);
		// every query has an answer: nDCG@10 on the answered queries is the run's
		assertThat(report.results()).allSatisfy(result -> assertThat(result.answers().ndcg10())
			.isEqualTo(result.quality().ndcg10(), org.assertj.core.data.Offset.offset(1e-12)));
		assertThat(words.exactMatch()).isEqualTo(1.0);
		assertThat(words.f1()).isEqualTo(1.0);
		assertThat(inverse.f1()).isLessThan(0.5);
		assertThat(inverse.exactMatch()).isZero();
		assertThat(report.comparison("dense", "dense+term-overlap-inverse@8", "Answer F1")).hasValueSatisfying(c -> {
			assertThat(c.queries()).isEqualTo(6);
			assertThat(c.meanDifference()).isEqualTo(inverse.f1() - report.results().get(0).answers().f1(),
					org.assertj.core.data.Offset.offset(1e-12));
			assertThat(c.meanDifference()).isBetween(c.ciLow(), c.ciHigh());
			assertThat(c.pValue()).isGreaterThan(0).isLessThanOrEqualTo(1);
		});
		assertThat(report.comparison("dense", "dense+term-overlap@8", "Answer EM")).isPresent();
		assertThat(report.comparisons()).noneMatch(c -> c.metric().equals("Judge"));
		assertThat(report.answers()).isNotNull();
		assertThat(report.answers().answeredQueries()).isEqualTo(6);
		assertThat(report.answers().chatModel()).contains("loopback-reader");
		assertThat(report.settings().command()).contains("--spring.ai.openai.api-key=******")
			.doesNotContain("test-key");
		assertThat(Files.readString(output.resolve(ReportWriter.MARKDOWN))).doesNotContain("test-key");

		// every call reached the server with the key, each prompt held the
		// configuration's
		// top document, and repeated prompts were asked once
		List<LoopbackJudgeServer.Chat> requests = server.requests().subList(before, server.requests().size());
		assertThat(requests).hasSize(report.answers().chatCalls()).hasSizeLessThanOrEqualTo(3 * 6);
		assertThat(requests).allSatisfy(request -> {
			assertThat(request.authorization()).isEqualTo("Bearer test-key");
			assertThat(request.model()).isEqualTo("loopback-reader");
		});
		List<String> lines = Files.readAllLines(output.resolve(PerQueryTable.ANSWERS));
		assertThat(lines).hasSize(3 * 6);
		for (String line : lines) {
			JsonNode answer = JSON.readTree(line);
			assertThat(answer.path("context")).hasSize(1);
			String top = answer.path("context").get(0).asString();
			String text = corpusText(top);
			assertThat(requests).anySatisfy(request -> assertThat(request.userText()).contains("[1] " + text)
				.contains(queryText(answer.path("query_id").asString())));
			assertThat(text).contains(answer.path("answer").asString());
		}

		String markdown = Files.readString(output.resolve(ReportWriter.MARKDOWN));
		assertThat(markdown)
			.contains("| nDCG@10 on answered | Answer F1 (queries) | Δ F1 vs first stage (p) | Answer EM |")
			.contains("| 1.0000 | 1.0000 (6) |")
			.contains("Answers: 6 of the evaluated queries have a reference answer")
			.contains("| `dense` | `dense+term-overlap-inverse@8` | Answer F1 | 6 |");
		List<String> csv = Files.readAllLines(output.resolve(PerQueryTable.CSV));
		assertThat(csv.get(0)).isEqualTo(PerQueryTable.HEADER + PerQueryTable.ANSWER_COLUMNS);
		assertThat(csv).anySatisfy(row -> assertThat(row).startsWith("1,dense+term-overlap@8,").endsWith(",1.0,1.0,"));
	}

	@Test
	void judgeModeGradesEveryAnswerWithTheGivenPrompt() throws IOException {
		int before = server.requests().size();
		Path output = this.folder.resolve("judged");
		EvalCommandTests.run(arguments(output, "--eval.answer.judge=true",
				"--eval.answer.judge-prompt=" + ContextReader.JUDGE_PROMPT));

		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		assertThat(report.answers().judge()).isTrue();
		AnswerQuality words = report.results().get(1).answers();
		AnswerQuality inverse = report.results().get(2).answers();
		assertThat(words.judge()).isEqualTo(1.0);
		assertThat(inverse.judge()).isLessThan(words.judge());
		assertThat(report.results()).allSatisfy(result -> assertThat(result.answers().judgeUnparsed()).isZero());
		assertThat(report.comparison("dense", "dense+term-overlap@8", "Judge")).isPresent();
		List<String> grading = server.requests()
			.subList(before, server.requests().size())
			.stream()
			.map(LoopbackJudgeServer.Chat::userText)
			.filter(prompt -> prompt.startsWith(ContextReader.JUDGE_MARK))
			.toList();
		assertThat(grading).isNotEmpty()
			.anySatisfy(prompt -> assertThat(prompt)
				.contains("REF: buckling of thin cylindrical shells is caused by axial compression\n"));
		assertThat(Files.readString(output.resolve(ReportWriter.MARKDOWN))).contains("| Judge |")
			.contains("which also judged every answer");
		assertThat(Files.readAllLines(output.resolve(PerQueryTable.CSV)))
			.anySatisfy(row -> assertThat(row).startsWith("1,dense+term-overlap@8,").endsWith(",1.0,1.0,1.0"));
	}

	@Test
	void aJudgeReplyWithoutAGradeScoresZeroAndIsCounted() throws IOException {
		Path output = this.folder.resolve("wordy");
		EvalCommandTests.run(arguments(output, "--eval.answer.judge=true",
				"--eval.answer.judge-prompt=" + ContextReader.WORDY_JUDGE_MARK + " {question} {reference} {answer}"));

		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		assertThat(report.results()).allSatisfy(result -> {
			assertThat(result.answers().judge()).isZero();
			assertThat(result.answers().judgeUnparsed()).isEqualTo(6);
			// the unparsed grade does not touch the token scores
			assertThat(result.answers().f1()).isPositive();
		});
		assertThat(report.results().get(1).answers().f1()).isEqualTo(1.0);
	}

	@Test
	void aMissingAnswersFileFailsBeforeAnythingIsEvaluated() {
		assertThatException()
			.isThrownBy(() -> EvalCommandTests
				.run(arguments(this.folder.resolve("r"), "--eval.answers=" + this.folder.resolve("no-such.jsonl"))))
			.isInstanceOf(ReferenceAnswersException.class)
			.withStackTraceContaining("no-such.jsonl' does not exist");
		assertThat(this.folder.resolve("r")).doesNotExist();
	}

	@Test
	void anAnswerForAQueryTheDatasetDoesNotJudgeNamesTheLine() throws IOException {
		Files.writeString(this.answers, "{\"query_id\": \"1\", \"answer\": \"axial compression\"}\n"
				+ "{\"query_id\": \"77\", \"answer\": \"x\"}\n");
		assertThatException().isThrownBy(() -> EvalCommandTests.run(arguments(this.folder.resolve("r"))))
			.withStackTraceContaining("answers.jsonl:2: query_id '77' is not a judged query of '");
	}

	@Test
	void aChatModelThatCannotStartSaysWhatToConfigure() {
		assertThatException()
			.isThrownBy(() -> EvalCommandTests.run(arguments(this.folder.resolve("r"), "--spring.ai.model.chat=none")))
			.withStackTraceContaining("eval.answers needs one Spring AI ChatModel but the context has none");
		// checked before the evaluation: nothing was written
		assertThat(this.folder.resolve("r")).doesNotExist();
	}

	private String corpusText(String id) throws IOException {
		return text(this.folder.resolve("corpus.jsonl"), id);
	}

	private String queryText(String id) throws IOException {
		return text(this.folder.resolve("queries.jsonl"), id);
	}

	private static String text(Path file, String id) throws IOException {
		for (String line : Files.readAllLines(file)) {
			JsonNode node = JSON.readTree(line);
			if (node.path("_id").asString().equals(id)) {
				return node.path("text").asString();
			}
		}
		throw new IllegalArgumentException(id);
	}

}

package dev.reranker.eval;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.answers.AnswerQuality;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.ReportWriter;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers mode's check on Cranfield with the shipped sample of reference answers
 * ({@code classpath:answers/cranfield-sample.jsonl}): the dense first stage alone and
 * with the word-overlap reranker, answered by the loopback reader that copies the context
 * sentence closest to the question ({@link ContextReader}). The report is left in
 * {@code target/cranfield-answers}.
 */
class CranfieldAnswersTests {

	private static final Logger logger = LoggerFactory.getLogger(CranfieldAnswersTests.class);

	/**
	 * Dense answer F1 with top-3 passages and the loopback reader, measured here: 0.2886
	 * (+ word-overlap reranker @ 20: 0.2930); EM is 0, the reader copies whole sentences.
	 */
	private static final double DENSE_ANSWER_F1_FLOOR = 0.25;

	private static LoopbackJudgeServer server;

	@BeforeAll
	static void startServer() {
		server = ContextReader.server();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void answersTheSampleQueriesFromEachConfigurationsTopDocuments() {
		Path output = Path.of("target", "cranfield-answers");
		EvalCommandTests.run("--eval.dataset=" + CranfieldEvaluationTests.cranfield(),
				"--eval.exclude=qrels/source_docs.tsv", "--eval.first-stages=dense", "--eval.providers=term-overlap",
				"--eval.depths=20", "--eval.output=" + output,
				"--eval.answers=classpath:answers/cranfield-sample.jsonl", "--eval.answer.top-k=3",
				"--spring.ai.openai.base-url=" + server.baseUrl(), "--spring.ai.openai.api-key=test-key",
				"--spring.ai.openai.chat.options.model=loopback-reader");

		EvaluationReport report = ReportWriter.read(output.resolve(ReportWriter.JSON));
		assertThat(report.answers()).isNotNull();
		assertThat(report.answers().referenceAnswers()).isEqualTo(20);
		assertThat(report.answers().answeredQueries()).isEqualTo(20);
		for (ConfigurationResult result : report.results()) {
			AnswerQuality answers = result.answers();
			logger.info("Cranfield answers, {}: F1 {}, EM {} ({} queries), nDCG@10 {}", result.tag(), answers.f1(),
					answers.exactMatch(), answers.queries(), result.quality().ndcg10());
			assertThat(answers.queries()).isEqualTo(20);
			assertThat(answers.f1()).isBetween(0.0, 1.0);
			assertThat(answers.exactMatch()).isBetween(0.0, answers.f1());
		}
		assertThat(report.results().get(0).answers().f1()).isGreaterThanOrEqualTo(DENSE_ANSWER_F1_FLOOR);
		assertThat(report.comparison("dense", "dense+term-overlap@20", "Answer F1"))
			.hasValueSatisfying(comparison -> assertThat(comparison.queries()).isEqualTo(20));
	}

}

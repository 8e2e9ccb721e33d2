package dev.reranker.autoconfigure.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankException;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.llm.JudgeChatModels;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Reply;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured post-processor reranking with {@code reranker.provider=llm} through
 * Spring AI's OpenAI chat model and a loopback judge: both modes on 100 candidates,
 * malformed answers, slow answers past the deadline and rate limits, with
 * {@code reranker.on-failure} deciding what a failure does.
 */
class LlmRerankEndToEndTests {

	static final String QUERY = "hydrogen fuel cell engine emits only water vapour when driving";

	private final LoopbackJudgeServer judge = LoopbackJudgeServer.start();

	@AfterEach
	void stop() {
		this.judge.close();
	}

	private ApplicationContextRunner runner(int openAiRetries) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withBean("openAiChatModel", ChatModel.class, () -> JudgeChatModels.openAi(this.judge, openAiRetries))
			.withPropertyValues("reranker.provider=llm", "reranker.top-n=5");
	}

	/**
	 * 90 passages without a query word, then ten sharing 1, 2, … 10 of its ten words: the
	 * best ten at the bottom, the very best last.
	 */
	static List<Document> hundredCandidates() {
		List<String> words = List.of(QUERY.split(" "));
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < 90; i++) {
			documents.add(Document.builder()
				.id("filler-" + i)
				.text("Filler passage " + i + " about gardening tomatoes in spring.")
				.build());
		}
		for (int shared = 1; shared <= 10; shared++) {
			documents.add(Document.builder()
				.id("shares-" + shared)
				.text("Passage with " + String.join(" ", words.subList(0, shared)) + ".")
				.build());
		}
		return documents;
	}

	private static List<Document> process(RerankingDocumentPostProcessor processor, List<Document> documents) {
		return processor.process(new Query(QUERY), documents);
	}

	@Test
	void listwiseBringsTheBestOfAHundredToTheTopInOnePass() {
		runner(0).run(context -> {
			List<Document> result = process(context.getBean(RerankingDocumentPostProcessor.class), hundredCandidates());

			assertThat(result).extracting(Document::getId)
				.containsExactly("shares-10", "shares-9", "shares-8", "shares-7", "shares-6");
			assertThat(result).extracting(Document::getScore).containsExactly(1.0, 0.99, 0.98, 0.97, 0.96);
			assertThat(result).allSatisfy(document -> assertThat(document.getMetadata())
				.doesNotContainKey(RerankDocumentMetadata.RERANK_FALLBACK));
			assertThat(this.judge.requests()).as("one pass: 9 windows of 20").hasSize(9);
		});
	}

	@Test
	void pointwiseGradesEveryCandidateAndMinScoreKeepsTheGoodOnes() {
		runner(0)
			.withPropertyValues("reranker.llm.mode=pointwise", "reranker.llm.max-concurrency=4",
					"reranker.min-score=0.75", "reranker.top-n=10")
			.run(context -> {
				List<Document> result = process(context.getBean(RerankingDocumentPostProcessor.class),
						hundredCandidates());

				assertThat(result).extracting(Document::getId).containsExactly("shares-10", "shares-9", "shares-8");
				assertThat(result).extracting(Document::getScore).containsExactly(1.0, 0.9, 0.8);
				assertThat(this.judge.requests()).hasSize(100);
				assertThat(this.judge.maxInFlight()).isLessThanOrEqualTo(4);
			});
	}

	@Test
	void malformedAnswersLoseAndDuplicateNothing() {
		// Window by window from the bottom: garbage, a partial permutation, duplicates
		// and
		// unknown labels, then the judge.
		this.judge.enqueue(Reply.answer("Here is my ranking: the first one is best."), Reply.answer("[20] > [1]"),
				Reply.answer("[5] > [5] > [42] > [0] > [5]"));
		runner(0).withPropertyValues("reranker.top-n=100").run(context -> {
			List<Document> input = hundredCandidates();
			List<Document> result = process(context.getBean(RerankingDocumentPostProcessor.class), input);

			assertThat(result).hasSize(100);
			assertThat(result).extracting(Document::getId)
				.containsExactlyInAnyOrderElementsOf(input.stream().map(Document::getId).toList());
			assertThat(result).extracting(Document::getScore)
				.isSortedAccordingTo((a, b) -> Double.compare(b, a))
				.doesNotHaveDuplicates();
			assertThat(this.judge.requests()).hasSize(9);
		});
	}

	@Test
	void slowAnswersPastTheDeadlineFallBackToTheFirstStageOrder() {
		this.judge.faults(chat -> Reply.slow(Duration.ofSeconds(30)));
		runner(0).withPropertyValues("reranker.call-deadline=500ms").run(context -> {
			List<Document> input = hundredCandidates();
			List<Document> result = process(context.getBean(RerankingDocumentPostProcessor.class), input);

			assertThat(result).extracting(Document::getId)
				.containsExactly("filler-0", "filler-1", "filler-2", "filler-3", "filler-4");
			assertThat(result).allSatisfy(document -> assertThat(document.getMetadata())
				.containsEntry(RerankDocumentMetadata.RERANK_FALLBACK, true));
		});
	}

	@Test
	void slowAnswersPastTheDeadlineFailWhenOnFailureIsFail() {
		this.judge.faults(chat -> Reply.slow(Duration.ofSeconds(30)));
		runner(0).withPropertyValues("reranker.call-deadline=500ms", "reranker.on-failure=fail").run(context -> {
			RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);

			assertThatExceptionOfType(RerankException.class).isThrownBy(() -> process(processor, hundredCandidates()))
				.withMessageContaining("provider 'llm'")
				.withMessageContaining("within the deadline of 500 ms");
		});
	}

	@Test
	void rateLimitedPromptsAreRetriedAndTheCallSucceeds() {
		this.judge.enqueue(Reply.rateLimited(Duration.ofMillis(20)), Reply.rateLimited(Duration.ofMillis(20)));
		runner(3).run(context -> {
			List<Document> result = process(context.getBean(RerankingDocumentPostProcessor.class), hundredCandidates());

			assertThat(result).extracting(Document::getId).startsWith("shares-10", "shares-9");
			assertThat(this.judge.requests()).as("9 windows, 2 of the attempts rate limited").hasSize(11);
		});
	}

	@Test
	void rateLimitsBeyondTheRetriesFallBack() {
		this.judge.faults(chat -> Reply.rateLimited(Duration.ofMillis(20)));
		runner(2).run(context -> {
			List<Document> result = process(context.getBean(RerankingDocumentPostProcessor.class), hundredCandidates());

			assertThat(result).extracting(Document::getId).startsWith("filler-0", "filler-1");
			assertThat(result).allSatisfy(document -> assertThat(document.getMetadata())
				.containsEntry(RerankDocumentMetadata.RERANK_FALLBACK, true));
			assertThat(this.judge.requests()).as("the first window: one attempt and two retries").hasSize(3);
		});
	}

}

package dev.reranker.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.http.RemoteCallSettings;
import dev.reranker.testfixtures.TermOverlap;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Chat;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Reply;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.context.ContextPolicy;
import dev.reranker.passage.LongDocuments;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LlmRerankModel} against a loopback OpenAI-compatible judge, through Spring AI's
 * OpenAI chat model: both modes, sliding windows, prompts and options on the wire.
 */
class LlmRerankModelTests {

	static final String QUERY = "hydrogen fuel cell engine emits only water vapour when driving";

	private final LoopbackJudgeServer judge = LoopbackJudgeServer.start();

	private LlmRerankModel model;

	@AfterEach
	void stop() {
		if (this.model != null) {
			this.model.close();
		}
		this.judge.close();
	}

	/**
	 * 90 passages without a query word, then the ten that share 10, 9, … 1 of its ten
	 * words, at the very bottom and in reverse order.
	 */
	static List<String> hundredWithTheBestAtTheBottom() {
		List<String> words = List.of(QUERY.split(" "));
		List<String> documents = new ArrayList<>();
		for (int i = 0; i < 90; i++) {
			documents.add("Filler passage " + i + " about gardening tomatoes in spring.");
		}
		for (int shared = 1; shared <= 10; shared++) {
			documents.add("Passage with " + String.join(" ", words.subList(0, shared)) + ".");
		}
		return documents;
	}

	@Test
	void maxPassageWindowsFitThePassageCutSoNoWindowIsTruncated() {
		this.model = LlmRerankModel.builder()
			.chatModel(JudgeChatModels.openAi(this.judge, 0))
			.maxPassageLength(300)
			.build();
		StringBuilder text = new StringBuilder();
		for (int i = 0; text.length() < 1500; i++) {
			text.append("Sentence ").append(i).append(" tells how a water pump moves coolant through the engine. ");
		}
		text.append(QUERY).append('.');
		RerankingDocumentPostProcessor processor = RerankingDocumentPostProcessor.builder()
			.rerankModel(this.model)
			.contextPolicy(ContextPolicy.builder()
				.longDocuments(LongDocuments.maxPassage(this.model.passageWindowing()).maxWindows(20).build())
				.build())
			.build();

		processor.process(new Query(QUERY), List.of(Document.builder().id("long").text(text.toString()).build(),
				Document.builder().id("short").text("Gardening tomatoes in spring.").build()));

		List<String> passages = this.judge.requests().get(0).passages();
		assertThat(passages).hasSizeGreaterThan(5)
			.allSatisfy((passage) -> assertThat(passage.length()).isLessThan(300));
		// the last window, with the query's words, was read whole
		assertThat(passages).anySatisfy((passage) -> assertThat(passage).endsWith(QUERY + "."));
	}

	@Test
	void listwiseBringsTheBestOfAHundredFromTheBottomToTheTopInOnePass() {
		this.model = LlmRerankModel.builder().chatModel(JudgeChatModels.openAi(this.judge, 0)).build();
		List<String> documents = hundredWithTheBestAtTheBottom();

		RerankResponse response = this.model.call(new RerankRequest(QUERY, documents));

		List<Integer> ranked = response.getResults()
			.stream()
			.sorted(Comparator.comparingDouble(RerankResult::score).reversed())
			.map(RerankResult::index)
			.toList();
		assertThat(ranked.subList(0, 10)).as("the ten that share query words, most shared first")
			.containsExactly(99, 98, 97, 96, 95, 94, 93, 92, 91, 90);
		assertThat(ranked).as("a permutation of the input")
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
		assertThat(this.judge.requests()).as("windows of 20, 10 apart: 80-100, 70-90, … 0-20").hasSize(9);
		assertThat(this.judge.requests()).allSatisfy(chat -> {
			assertThat(chat.listwise()).isTrue();
			assertThat(chat.passages()).hasSize(20);
			assertThat(chat.query()).isEqualTo(QUERY);
			assertThat(chat.model()).isEqualTo(JudgeChatModels.MODEL);
		});
		assertThat(this.judge.requests().get(0).passages()).as("the first window is the bottom of the list")
			.isEqualTo(documents.subList(80, 100));
	}

	@Test
	void listwiseScoresFallStrictlyWithRankFromOneToOneOverN() {
		this.model = LlmRerankModel.builder().chatModel(JudgeChatModels.openAi(this.judge, 0)).build();
		List<String> documents = List.of("nothing relevant", "hydrogen engine", "hydrogen fuel cell engine",
				"a fuel cell");

		RerankResponse response = this.model.call(new RerankRequest(QUERY, documents));

		assertThat(response.scoresByIndex(4)).containsExactly(0.25, 0.75, 1.0, 0.5);
		assertThat(this.judge.requests()).hasSize(1);
		assertThat(this.judge.requests().get(0).systemText()).isEqualTo(LlmPrompts.DEFAULT_LISTWISE_SYSTEM);
	}

	@Test
	void listwiseOfOneCandidateScoresItOneWithoutAPrompt() {
		this.model = LlmRerankModel.builder().chatModel(JudgeChatModels.openAi(this.judge, 0)).build();

		RerankResponse response = this.model.call(new RerankRequest(QUERY, List.of("anything")));

		assertThat(response.scoresByIndex(1)).containsExactly(1.0);
		assertThat(this.judge.requests()).isEmpty();
	}

	@Test
	void windowsThatDoNotOverlapLeaveNoWindowOfOneToAskAbout() {
		this.model = LlmRerankModel.builder()
			.chatModel(JudgeChatModels.openAi(this.judge, 0))
			.windowSize(20)
			.step(20)
			.build();
		List<String> documents = hundredWithTheBestAtTheBottom().subList(79, 100);

		RerankResponse response = this.model.call(new RerankRequest(QUERY, documents));

		assertThat(this.judge.requests()).as("positions 1-21 ranked; position 0 alone is not").hasSize(1);
		assertThat(response.scoresByIndex(21)[0]).as("the top one keeps its place").isEqualTo(1.0);
	}

	@Test
	void listwiseTopNReturnsTheBestOnly() {
		this.model = LlmRerankModel.builder().chatModel(JudgeChatModels.openAi(this.judge, 0)).build();
		List<String> documents = List.of("nothing relevant", "hydrogen engine", "hydrogen fuel cell engine");

		RerankResponse response = this.model
			.call(new RerankRequest(QUERY, documents, RerankOptions.builder().topN(1).build()));

		assertThat(response.getResults()).containsExactly(new RerankResult(2, 1.0));
	}

	@Test
	void pointwiseScoresEachDocumentByItsGradeOverTenWithBoundedConcurrency() {
		this.model = LlmRerankModel.builder()
			.chatModel(JudgeChatModels.openAi(this.judge, 0))
			.mode(LlmRerankMode.POINTWISE)
			.maxConcurrency(3)
			.build();
		this.judge.faults(chat -> Reply.slow(Duration.ofMillis(50)));
		List<String> documents = hundredWithTheBestAtTheBottom().subList(85, 100);

		RerankResponse response = this.model.call(new RerankRequest(QUERY, documents));

		double[] scores = response.scoresByIndex(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			assertThat(scores[i]).as("document %d", i)
				.isEqualTo(LoopbackJudgeServer.grade(QUERY, documents.get(i)) / 10.0);
		}
		assertThat(scores[14]).isEqualTo(1.0);
		assertThat(this.judge.requests()).hasSize(documents.size())
			.allSatisfy(chat -> assertThat(chat.listwise()).isFalse());
		assertThat(this.judge.requests().stream().map(chat -> chat.passages().get(0)))
			.containsExactlyInAnyOrderElementsOf(documents);
		assertThat(this.judge.maxInFlight()).as("max-concurrency").isBetween(1, 3);
	}

	@Test
	void passagesAreSentOnOneLineAndCutToTheMaximumLength() {
		this.model = LlmRerankModel.builder()
			.chatModel(JudgeChatModels.openAi(this.judge, 0))
			.maxPassageLength(12)
			.build();

		this.model.call(new RerankRequest(QUERY, List.of("hydrogen\n\nfuel   cell engine", "short")));

		assertThat(this.judge.requests().get(0).passages()).containsExactly("hydrogen fue", "short");
	}

	@Test
	void modelAndTemperatureGoIntoTheChatOptions() {
		this.model = LlmRerankModel.builder()
			.chatModel(JudgeChatModels.openAi(this.judge, 0))
			.model("judge-2")
			.temperature(0.0)
			.build();

		RerankResponse response = this.model.call(new RerankRequest(QUERY, List.of("hydrogen", "engine")));

		Chat chat = this.judge.requests().get(0);
		assertThat(chat.model()).isEqualTo("judge-2");
		assertThat(chat.temperature()).isEqualTo(0.0);
		assertThat(response.getMetadata().getModel()).isEqualTo("judge-2");
	}

	@Test
	void customPromptsAreSentWithTheirPlaceholdersFilled() {
		LlmPrompts prompts = LlmPrompts.builder()
			.listwiseSystem("")
			.listwiseUser("Query: {query}\nRank these {count}:\n{passages}\nJSON braces {stay} as they are.")
			.build();
		this.model = LlmRerankModel.builder().chatModel(JudgeChatModels.openAi(this.judge, 0)).prompts(prompts).build();

		this.model.call(new RerankRequest(QUERY, List.of("{query} in a passage", "hydrogen fuel")));

		Chat chat = this.judge.requests().get(0);
		assertThat(chat.systemText()).as("blank system prompt sends none").isNull();
		assertThat(chat.userText()).isEqualTo("Query: " + QUERY
				+ "\nRank these 2:\n[1] {query} in a passage\n[2] hydrogen fuel\nJSON braces {stay} as they are.");
	}

	@Test
	void theJudgeOrdersByTermOverlap() {
		// The fixture's contract, which the expectations above rely on.
		assertThat(TermOverlap.score(QUERY, "hydrogen fuel")).isEqualTo(0.2);
		assertThat(LoopbackJudgeServer.grade(QUERY, "hydrogen fuel")).isEqualTo(2);
	}

	static RemoteCallSettings deadline(Duration deadline) {
		return RemoteCallSettings.defaults().withDeadline(deadline);
	}

}

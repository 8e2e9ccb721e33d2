package dev.reranker.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankException;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.http.RemoteCallSettings;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Chat;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Reply;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link LlmRerankModel} does with answers it cannot fully read, slow answers, rate
 * limits and failing chat models, against the loopback judge.
 */
class LlmRerankFailureTests {

	static final String QUERY = LlmRerankModelTests.QUERY;

	/** Best first by the judge: 2, 1, 3, 0. */
	static final List<String> FOUR = List.of("nothing relevant", "hydrogen engine", "hydrogen fuel cell engine",
			"a fuel");

	private final LoopbackJudgeServer judge = LoopbackJudgeServer.start();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final List<LlmRerankModel> models = new ArrayList<>();

	@AfterEach
	void stop() {
		this.models.forEach(LlmRerankModel::close);
		this.judge.close();
	}

	private LlmRerankModel model(ChatModel chatModel, LlmRerankMode mode, RemoteCallSettings settings) {
		LlmRerankModel model = LlmRerankModel.builder()
			.chatModel(chatModel)
			.mode(mode)
			.settings(settings)
			.observationRegistry(this.observations)
			.build();
		this.models.add(model);
		return model;
	}

	private LlmRerankModel listwise() {
		return model(JudgeChatModels.openAi(this.judge, 0), LlmRerankMode.LISTWISE, RemoteCallSettings.defaults());
	}

	private static List<Integer> ranked(RerankResponse response) {
		return response.getResults()
			.stream()
			.sorted(Comparator.comparingDouble(RerankResult::score).reversed())
			.map(RerankResult::index)
			.toList();
	}

	@Test
	void garbageKeepsTheWindowsOrderAndIsCountedUnparseable() {
		this.judge.enqueue(Reply.answer("I'd rather not rank these, they all look fine to me."));

		RerankResponse response = listwise().call(new RerankRequest(QUERY, FOUR));

		assertThat(ranked(response)).containsExactly(0, 1, 2, 3);
		assertThat(this.observations).hasObservationWithNameEqualTo("reranker.llm.answer")
			.that()
			.hasLowCardinalityKeyValue("reranker.llm.answer", "unparseable")
			.hasLowCardinalityKeyValue("reranker.llm.mode", "listwise")
			.hasHighCardinalityKeyValue("reranker.llm.passages", "4");
	}

	@Test
	void aPartialPermutationRanksTheNamedOnesFirstAndKeepsTheRestInOrder() {
		this.judge.enqueue(Reply.answer("[3] > [4]"));

		RerankResponse response = listwise().call(new RerankRequest(QUERY, FOUR));

		assertThat(ranked(response)).containsExactly(2, 3, 0, 1);
		assertThat(this.observations).hasObservationWithNameEqualTo("reranker.llm.answer")
			.that()
			.hasLowCardinalityKeyValue("reranker.llm.answer", "partial");
	}

	@Test
	void duplicateAndUnknownLabelsAreIgnored() {
		this.judge.enqueue(Reply.answer("[2] > [2] > [9] > [0] > [4] > [2] > [1] > [3]"));

		RerankResponse response = listwise().call(new RerankRequest(QUERY, FOUR));

		assertThat(ranked(response)).containsExactly(1, 3, 0, 2);
		assertThat(response.getResults()).hasSize(4);
	}

	@Test
	void reasoningBeforeTheAnswerIsSkipped() {
		this.judge.enqueue(
				Reply.answer("<think>Maybe [1] > [2]? No: [3] mentions the fuel cell.</think>\n[3] > [2] > [4] > [1]"));

		RerankResponse response = listwise().call(new RerankRequest(QUERY, FOUR));

		assertThat(ranked(response)).containsExactly(2, 1, 3, 0);
		assertThat(this.observations).hasObservationWithNameEqualTo("reranker.llm.answer")
			.that()
			.hasLowCardinalityKeyValue("reranker.llm.answer", "complete");
	}

	@Test
	void anUnparseableWindowAmongOthersOnlyKeepsItsOwnOrder() {
		// Windows of 4, 2 apart over 6: positions 2-6 first (garbage), then 0-4.
		this.judge.enqueue(Reply.answer("no idea"));
		LlmRerankModel model = LlmRerankModel.builder()
			.chatModel(JudgeChatModels.openAi(this.judge, 0))
			.windowSize(4)
			.step(2)
			.observationRegistry(this.observations)
			.build();
		this.models.add(model);
		List<String> documents = List.of("nothing", "hydrogen", "hydrogen fuel", "x", "y", "hydrogen fuel cell engine");

		RerankResponse response = model.call(new RerankRequest(QUERY, documents));

		assertThat(ranked(response)).containsExactly(2, 1, 0, 3, 4, 5);
		assertThat(this.judge.requests()).hasSize(2);
	}

	@Test
	void pointwiseScoresAnUnparseableGradeZeroAndCountsIt() {
		LlmRerankModel model = model(JudgeChatModels.openAi(this.judge, 0), LlmRerankMode.POINTWISE,
				RemoteCallSettings.defaults());
		this.judge.faults(chat -> chat.passages().get(0).equals("hydrogen engine")
				? Reply.answer("On a scale of 0 to 10 I would say 7") : Reply.judge());

		RerankResponse response = model.call(new RerankRequest(QUERY, FOUR));

		assertThat(response.scoresByIndex(4)).containsExactly(0.0, 0.0,
				LoopbackJudgeServer.grade(QUERY, FOUR.get(2)) / 10.0,
				LoopbackJudgeServer.grade(QUERY, FOUR.get(3)) / 10.0);
		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo("reranker.llm.answer", 4);
		assertThat(this.observations)
			.hasAnObservation(observation -> observation.hasLowCardinalityKeyValue("reranker.llm.answer", "unparseable")
				.hasLowCardinalityKeyValue("reranker.llm.mode", "pointwise"));
	}

	@Test
	void aSlowAnswerPastTheDeadlineFailsTheCallNamingTheDeadline() {
		this.judge.faults(chat -> Reply.slow(Duration.ofSeconds(5)));
		LlmRerankModel model = model(JudgeChatModels.openAi(this.judge, 0), LlmRerankMode.LISTWISE,
				RemoteCallSettings.defaults().withDeadline(Duration.ofMillis(300)));

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> model.call(new RerankRequest(QUERY, FOUR)))
			.withMessageContaining("within the deadline of 300 ms")
			.withMessageContaining("0 of 1 listwise windows");
	}

	@Test
	void pointwisePastTheDeadlineSaysHowManyWereGraded() {
		this.judge.faults(
				chat -> chat.passages().get(0).equals("a fuel") ? Reply.slow(Duration.ofSeconds(30)) : Reply.judge());
		LlmRerankModel model = model(JudgeChatModels.openAi(this.judge, 0), LlmRerankMode.POINTWISE,
				RemoteCallSettings.defaults().withDeadline(Duration.ofSeconds(3)));

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> model.call(new RerankRequest(QUERY, FOUR)))
			.withMessageContaining("3 of 4 candidates graded");
	}

	@Test
	void rateLimitsAreRetriedByTheOpenAiClientThenSucceed() {
		this.judge.enqueue(Reply.rateLimited(Duration.ofMillis(20)), Reply.rateLimited(Duration.ofMillis(20)));
		LlmRerankModel model = model(JudgeChatModels.openAi(this.judge, 2), LlmRerankMode.LISTWISE,
				RemoteCallSettings.defaults());

		RerankResponse response = model.call(new RerankRequest(QUERY, FOUR));

		assertThat(ranked(response)).containsExactly(2, 1, 3, 0);
		assertThat(this.judge.requests()).hasSize(3);
	}

	@Test
	void rateLimitsBeyondTheRetriesFailTheCall() {
		this.judge.faults(chat -> Reply.rateLimited(Duration.ofMillis(20)));
		LlmRerankModel model = model(JudgeChatModels.openAi(this.judge, 1), LlmRerankMode.LISTWISE,
				RemoteCallSettings.defaults());

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> model.call(new RerankRequest(QUERY, FOUR)))
			.withMessageContaining("429");
		assertThat(this.judge.requests()).as("the first attempt and one retry").hasSize(2);
		assertThat(this.observations).hasObservationWithNameEqualTo("reranker.llm.answer")
			.that()
			.hasLowCardinalityKeyValue("reranker.llm.answer", "error")
			.hasError();
	}

	@Test
	void transientSpringAiFailuresAreRetriedWithinTheDeadline() {
		ChatModel openAi = JudgeChatModels.openAi(this.judge, 0);
		AtomicInteger calls = new AtomicInteger();
		ChatModel flaky = new DelegatingChatModel(openAi, () -> {
			if (calls.incrementAndGet() <= 2) {
				throw new TransientAiException("HTTP 503 - overloaded");
			}
		});
		LlmRerankModel model = model(flaky, LlmRerankMode.LISTWISE,
				new RemoteCallSettings(Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(50)));

		RerankResponse response = model.call(new RerankRequest(QUERY, FOUR));

		assertThat(ranked(response)).containsExactly(2, 1, 3, 0);
		assertThat(calls).hasValue(3);
	}

	@Test
	void transientFailuresBeyondTheRetriesFailTheCall() {
		ChatModel failing = new DelegatingChatModel(JudgeChatModels.openAi(this.judge, 0), () -> {
			throw new TransientAiException("HTTP 503 - overloaded");
		});
		LlmRerankModel model = model(failing, LlmRerankMode.LISTWISE,
				new RemoteCallSettings(Duration.ofSeconds(5), 2, Duration.ofMillis(10), Duration.ofMillis(50)));

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> model.call(new RerankRequest(QUERY, FOUR)))
			.withMessageContaining("gave up after 2 retries")
			.withMessageContaining("overloaded");
	}

	@Test
	void otherFailuresAreNotRetried() {
		AtomicInteger calls = new AtomicInteger();
		ChatModel failing = new DelegatingChatModel(JudgeChatModels.openAi(this.judge, 0), () -> {
			calls.incrementAndGet();
			throw new NonTransientAiException("HTTP 401 - invalid API key");
		});
		LlmRerankModel model = model(failing, LlmRerankMode.LISTWISE, RemoteCallSettings.defaults());

		assertThatExceptionOfType(RerankException.class).isThrownBy(() -> model.call(new RerankRequest(QUERY, FOUR)))
			.withMessageContaining("the chat model failed")
			.withMessageContaining("invalid API key");
		assertThat(calls).hasValue(1);
	}

	@Test
	void theJudgeAnswersWhatTheTestsExpect() {
		// The expectations above rely on this ranking of FOUR.
		Chat chat = new Chat(null, null, null, "", QUERY, FOUR, true, null);
		assertThat(chat.ranking()).containsExactly(3, 2, 4, 1);
	}

	/** A real chat model with something run before each call. */
	private record DelegatingChatModel(ChatModel delegate, Runnable before) implements ChatModel {

		@Override
		public ChatResponse call(Prompt prompt) {
			this.before.run();
			return this.delegate.call(prompt);
		}

		@Override
		public ChatOptions getDefaultOptions() {
			return this.delegate.getDefaultOptions();
		}

	}

}

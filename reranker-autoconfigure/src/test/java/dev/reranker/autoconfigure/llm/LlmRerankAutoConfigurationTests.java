package dev.reranker.autoconfigure.llm;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankModel;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.llm.JudgeChatModels;
import dev.reranker.llm.LlmPrompts;
import dev.reranker.llm.LlmRerankMode;
import dev.reranker.llm.LlmRerankModel;
import dev.reranker.testfixtures.http.LoopbackJudgeServer;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured 'llm' provider: which ChatModel it takes, how the properties reach
 * the model, and the start-up failures that explain what to change.
 */
class LlmRerankAutoConfigurationTests {

	private final LoopbackJudgeServer judge = LoopbackJudgeServer.start();

	private final LoopbackJudgeServer otherJudge = LoopbackJudgeServer.start();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
		.withPropertyValues("reranker.provider=llm");

	@AfterEach
	void stop() {
		this.judge.close();
		this.otherJudge.close();
	}

	private ApplicationContextRunner withJudge() {
		return this.runner.withBean("openAiChatModel", ChatModel.class, () -> JudgeChatModels.openAi(this.judge, 0));
	}

	@Test
	void defaultsAreListwiseWithWindowsOfTwentyTenApart() {
		withJudge().run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(LlmRerankModel.class);
			LlmRerankModel model = context.getBean(LlmRerankModel.class);
			assertThat(model.getChatModel()).isSameAs(context.getBean(ChatModel.class));
			assertThat(model.getMode()).isEqualTo(LlmRerankMode.LISTWISE);
			assertThat(model.getWindowSize()).isEqualTo(20);
			assertThat(model.getStep()).isEqualTo(10);
			assertThat(model.getMaxConcurrency()).isEqualTo(8);
			assertThat(model.getMaxPassageLength()).isEqualTo(1000);
			assertThat(model.getPrompts().getListwiseUser()).isEqualTo(LlmPrompts.DEFAULT_LISTWISE_USER);
			assertThat(model.getSettings().deadline()).isEqualTo(Duration.ofSeconds(10));
			assertThat(model.getSettings().maxRetries()).isEqualTo(3);
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel()).isSameAs(model);
		});
	}

	@Test
	void propertiesReachTheModel() {
		withJudge()
			.withPropertyValues("reranker.llm.mode=pointwise", "reranker.llm.window-size=8", "reranker.llm.step=3",
					"reranker.llm.max-concurrency=2", "reranker.llm.max-passage-length=300",
					"reranker.llm.model=judge-2", "reranker.llm.temperature=0", "reranker.llm.pointwise-system-prompt=",
					"reranker.llm.pointwise-user-prompt=Q: {query} P: {passage}", "reranker.call-deadline=30s",
					"reranker.retry.max-retries=1")
			.run(context -> {
				LlmRerankModel model = context.getBean(LlmRerankModel.class);
				assertThat(model.getMode()).isEqualTo(LlmRerankMode.POINTWISE);
				assertThat(model.getWindowSize()).isEqualTo(8);
				assertThat(model.getStep()).isEqualTo(3);
				assertThat(model.getMaxConcurrency()).isEqualTo(2);
				assertThat(model.getMaxPassageLength()).isEqualTo(300);
				assertThat(model.getDefaultOptions().getModel()).isEqualTo("judge-2");
				assertThat(model.getTemperature()).isEqualTo(0.0);
				assertThat(model.getPrompts().getPointwiseSystem()).isEmpty();
				assertThat(model.getPrompts().getPointwiseUser()).isEqualTo("Q: {query} P: {passage}");
				assertThat(model.getSettings().deadline()).isEqualTo(Duration.ofSeconds(30));
				assertThat(model.getSettings().maxRetries()).isEqualTo(1);
			});
	}

	@Test
	void chatModelPicksOneOfSeveralByBeanName() {
		withJudge().withBean("judgeTwo", ChatModel.class, () -> JudgeChatModels.openAi(this.otherJudge, 0))
			.withPropertyValues("reranker.llm.chat-model=judgeTwo")
			.run(context -> {
				assertThat(context.getBean(LlmRerankModel.class).getChatModel()).isSameAs(context.getBean("judgeTwo"));
				context.getBean(RerankingDocumentPostProcessor.class)
					.process(new Query("hydrogen engine"),
							List.of(new Document("garden"), new Document("hydrogen engine")));
				assertThat(this.otherJudge.requests()).hasSize(1);
				assertThat(this.judge.requests()).isEmpty();
			});
	}

	@Test
	void severalChatModelsWithoutAChoiceAreExplained() {
		withJudge().withBean("judgeTwo", ChatModel.class, () -> JudgeChatModels.openAi(this.otherJudge, 0))
			.run(context -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ChatModelNotFoundFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("several").contains("openAiChatModel, judgeTwo");
				assertThat(analysis.getAction()).contains("reranker.llm.chat-model").contains("@Primary");
			});
	}

	@Test
	void aPrimaryChatModelIsTakenWhenThereAreSeveral() {
		ChatModel primary = JudgeChatModels.openAi(this.otherJudge, 0);
		withJudge().withBean("judgeTwo", ChatModel.class, () -> primary, definition -> definition.setPrimary(true))
			.run(context -> assertThat(context.getBean(LlmRerankModel.class).getChatModel()).isSameAs(primary));
	}

	@Test
	void anUnknownChatModelNameIsExplained() {
		withJudge().withPropertyValues("reranker.llm.chat-model=missing").run(context -> {
			FailureAnalysis analysis = new ChatModelNotFoundFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("reranker.llm.chat-model is 'missing'")
				.contains("openAiChatModel");
			assertThat(analysis.getAction()).contains("one of: openAiChatModel");
		});
	}

	@Test
	void noChatModelIsExplained() {
		this.runner.run(context -> {
			FailureAnalysis analysis = new ChatModelNotFoundFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("there is none");
			assertThat(analysis.getAction()).contains("chat model starter").contains("reranker.provider");
		});
	}

	@Test
	void badValuesStopStartUpNamingTheProperty() {
		withJudge().withPropertyValues("reranker.llm.window-size=10", "reranker.llm.step=11")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.llm.step must be from 1 to reranker.llm.window-size (10) but was 11"));
		withJudge().withPropertyValues("reranker.llm.listwise-user-prompt=Rank for {query}")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.llm.listwise-user-prompt must contain {passages}"));
		withJudge().withPropertyValues("reranker.llm.max-concurrency=0")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.llm.max-concurrency must be at least 1"));
		withJudge().withPropertyValues("reranker.llm.mode=sideways")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("reranker.llm.mode"));
	}

	@Test
	void theModelObservesItsCallsAndPromptsInTheObservationRegistryBean() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		withJudge().withBean(TestObservationRegistry.class, () -> registry).run(context -> {
			context.getBean(RerankingDocumentPostProcessor.class)
				.process(new Query("hydrogen engine"),
						List.of(new Document("garden"), new Document("hydrogen engine")));

			assertThat(registry).hasObservationWithNameEqualTo("reranker.post_processor")
				.that()
				.hasLowCardinalityKeyValue("gen_ai.system", "llm")
				.hasLowCardinalityKeyValue("reranker.outcome", "success");
			assertThat(registry).hasObservationWithNameEqualTo("gen_ai.client.operation");
			assertThat(registry).hasObservationWithNameEqualTo("reranker.llm.answer")
				.that()
				.hasLowCardinalityKeyValue("reranker.llm.answer", "complete")
				.hasParentObservationContextMatching(parent -> "gen_ai.client.operation".equals(parent.getName()));
		});
	}

	@Test
	void aRerankModelBeanOfTheApplicationMakesItBackOff() {
		RerankModel mine = request -> new dev.reranker.RerankResponse(List.of());
		withJudge().withBean(RerankModel.class, () -> mine)
			.run(context -> assertThat(context).doesNotHaveBean(LlmRerankModel.class));
	}

	@Test
	void onlyWhenSelectedAndChatModelsAreOnTheClassPath() {
		// Without the post-processor, whose start-up would fail for want of a model.
		ApplicationContextRunner alone = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmRerankAutoConfiguration.class))
			.withBean("openAiChatModel", ChatModel.class, () -> JudgeChatModels.openAi(this.judge, 0));
		alone.withPropertyValues("reranker.provider=embedding")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmRerankModel.class));
		alone.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LlmRerankModel.class));
		alone.withPropertyValues("reranker.provider=llm")
			.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run(context -> assertThat(context).doesNotHaveBean(LlmRerankModel.class));
	}

	@Test
	void theProviderKeepsDocumentsScoredByRank() {
		withJudge().run(context -> {
			List<Document> result = context.getBean(RerankingDocumentPostProcessor.class)
				.process(new Query("hydrogen engine"),
						List.of(new Document("garden"), new Document("hydrogen engine"), new Document("engine")));
			assertThat(result).extracting(Document::getText).containsExactly("hydrogen engine", "engine", "garden");
			assertThat(result).extracting(document -> document.getMetadata().get(RerankDocumentMetadata.RERANK_SCORE))
				.containsExactly(1.0, 2.0 / 3, 1.0 / 3);
		});
	}

}

package dev.reranker.autoconfigure;

import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.FailureMode;
import dev.reranker.RerankModel;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.observation.DefaultRerankModelObservationConvention;
import dev.reranker.observation.ObservedRerankModel;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankObservationContext;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class RerankerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RerankerAutoConfiguration.class))
		.withUserConfiguration(LengthRerankModelConfiguration.class);

	@Test
	void defaultsGiveTopFiveWithoutThresholdAndFallbackOnFailure() {
		this.contextRunner.run(context -> {
			RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);
			assertThat(processor.getTopN()).isEqualTo(5);
			assertThat(processor.getMinScore()).isNull();
			assertThat(processor.getMinResults()).isZero();
			assertThat(processor.getMaxCandidates()).isEqualTo(100);
			assertThat(processor.getFailureMode()).isEqualTo(FailureMode.FALLBACK);
			assertThat(processor.getLatencyBudget()).isNull();
			assertThat(context.getBean(RerankerProperties.class).getProvider()).isEqualTo("local");
		});
	}

	@Test
	void latencyBudgetReachesThePostProcessorAndCapsTheRemoteCallDeadline() {
		this.contextRunner.withPropertyValues("reranker.latency-budget=250ms").run(context -> {
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getLatencyBudget())
				.isEqualTo(java.time.Duration.ofMillis(250));
			RerankerProperties properties = context.getBean(RerankerProperties.class);
			assertThat(properties.effectiveCallDeadline()).isEqualTo(java.time.Duration.ofMillis(250));
		});
		this.contextRunner.withPropertyValues("reranker.latency-budget=30s")
			.run(context -> assertThat(context.getBean(RerankerProperties.class).effectiveCallDeadline())
				.isEqualTo(java.time.Duration.ofSeconds(10)));
	}

	@Test
	void nonPositiveLatencyBudgetFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.latency-budget=0ms", "reranker.latency-budget must be a positive");
	}

	@Test
	void propertiesConfigureThePostProcessor() {
		this.contextRunner
			.withPropertyValues("reranker.top-n=3", "reranker.min-score=0.4", "reranker.min-results=1",
					"reranker.max-candidates=40", "reranker.on-failure=fail")
			.run(context -> {
				RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);
				assertThat(processor.getTopN()).isEqualTo(3);
				assertThat(processor.getMinScore()).isEqualTo(0.4);
				assertThat(processor.getMinResults()).isEqualTo(1);
				assertThat(processor.getMaxCandidates()).isEqualTo(40);
				assertThat(processor.getFailureMode()).isEqualTo(FailureMode.FAIL);
			});
	}

	@Test
	void thePostProcessorRanksWithTheRerankModelBean() {
		this.contextRunner.withPropertyValues("reranker.top-n=2").run(context -> {
			List<Document> result = context.getBean(RerankingDocumentPostProcessor.class)
				.process(new Query("q"), List.of(new Document("a"), new Document("abcd"), new Document("abc")));
			assertThat(result).extracting(Document::getText).containsExactly("abcd", "abc");
		});
	}

	@Test
	void invalidTopNFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.top-n=0", "reranker.top-n must be at least 1");
	}

	@Test
	void minScoreOutsideZeroToOneFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.min-score=1.5", "reranker.min-score must be between 0 and 1");
	}

	@Test
	void minResultsAboveTopNFailsNamingBothProperties() {
		assertStartupFailsMentioning("reranker.min-results=6",
				"reranker.min-results must not exceed reranker.top-n (5)");
	}

	@Test
	void negativeMinResultsFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.min-results=-1", "reranker.min-results must be at least 0");
	}

	@Test
	void invalidMaxCandidatesFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.max-candidates=0", "reranker.max-candidates must be at least 1");
	}

	@Test
	void blankProviderFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.provider= ", "reranker.provider must name a provider");
	}

	@Test
	void unknownFailureModeFailsNamingTheProperty() {
		assertStartupFailsMentioning("reranker.on-failure=ignore", "reranker.on-failure");
	}

	@Test
	void userDefinedPostProcessorWins() {
		this.contextRunner.withUserConfiguration(UserPostProcessorConfiguration.class).run(context -> {
			assertThat(context).hasSingleBean(RerankingDocumentPostProcessor.class);
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getTopN()).isEqualTo(1);
		});
	}

	@Test
	void disabledRerankerDefinesNoPostProcessor() {
		this.contextRunner.withPropertyValues("reranker.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(RerankingDocumentPostProcessor.class));
	}

	@Test
	void backsOffWhenRerankerCoreIsNotOnTheClassPath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RerankingDocumentPostProcessor.class))
			.run(context -> assertThat(context).doesNotHaveBean(RerankingDocumentPostProcessor.class));
	}

	@Test
	void missingRerankModelFailsWithAnalysisThatSaysWhatToChange() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RerankerAutoConfiguration.class))
			.withPropertyValues("reranker.provider=nonesuch")
			.run(context -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				FailureAnalysis analysis = new NoRerankModelFailureAnalyzer().analyze(failure);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("reranker.provider='nonesuch'");
				assertThat(analysis.getAction()).contains("reranker.provider")
					.contains("reranker.enabled=false")
					.contains("RerankModel bean")
					.contains("--debug");
			});
	}

	@Test
	void twoRerankModelsWithoutPrimaryFailSayingWhatToDo() {
		this.contextRunner.withBean("second", RerankModel.class, () -> request -> new RerankResponse(List.of()))
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(allMessages(context.getStartupFailure())).contains("Found 2 RerankModel beans")
					.contains("@Primary");
			});
	}

	@Test
	void rerankCallsAreObservedThroughTheObservationRegistryBean() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry)
			.withPropertyValues("reranker.observations.include-query=true")
			.run(context -> {
				context.getBean(RerankingDocumentPostProcessor.class)
					.process(new Query("which one"), List.of(new Document("a"), new Document("bb")));
				assertThat(registry).hasObservationWithNameEqualTo("reranker.post_processor")
					.that()
					.hasLowCardinalityKeyValue("gen_ai.system", "length")
					.hasHighCardinalityKeyValue("reranker.query", "which one");
			});
	}

	@Test
	void anApplicationsOwnModelIsObservedWhenCalledThroughThePostProcessor() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry).run(context -> {
			context.getBean(RerankingDocumentPostProcessor.class)
				.process(new Query("which one"), List.of(new Document("a"), new Document("bb")));

			assertThat(registry).hasNumberOfObservationsEqualTo(2)
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasParentObservationContextMatching(RerankObservationContext.class::isInstance)
				.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
				.hasLowCardinalityKeyValue("gen_ai.system", "length")
				.hasHighCardinalityKeyValue("reranker.request.documents", "2")
				.hasBeenStopped();
			assertThat(context.getBean(RerankModel.class)).as("the bean itself is left as it is")
				.isNotInstanceOf(ObservedRerankModel.class);
		});
	}

	@Test
	void aModelObservationConventionBeanNamesTheModelObservations() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(TestObservationRegistry.class, () -> registry)
			.withBean(RerankModelObservationConvention.class, () -> new DefaultRerankModelObservationConvention() {
				@Override
				public String getName() {
					return "my.rerank";
				}
			})
			.run(context -> {
				context.getBean(RerankingDocumentPostProcessor.class)
					.process(new Query("which one"), List.of(new Document("a")));

				assertThat(registry).hasObservationWithNameEqualTo("my.rerank")
					.that()
					.hasLowCardinalityKeyValue("gen_ai.system", "length");
			});
	}

	private void assertStartupFailsMentioning(String property, String message) {
		this.contextRunner.withPropertyValues(property).run(context -> {
			assertThat(context).hasFailed();
			assertThat(allMessages(context.getStartupFailure())).contains(message);
		});
	}

	private static String allMessages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	/** Scores longer texts higher: a real, computable signal for wiring tests. */
	@Configuration(proxyBeanMethods = false)
	static class LengthRerankModelConfiguration {

		@Bean
		RerankModel lengthRerankModel() {
			return new RerankModel() {
				@Override
				public RerankResponse call(dev.reranker.RerankRequest request) {
					return new RerankResponse(IntStream.range(0, request.documents().size())
						.mapToObj(i -> new RerankResult(i, 1.0 - 1.0 / (1 + request.documents().get(i).length())))
						.toList());
				}

				@Override
				public String getProviderName() {
					return "length";
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPostProcessorConfiguration {

		@Bean
		RerankingDocumentPostProcessor userPostProcessor(RerankModel model) {
			return RerankingDocumentPostProcessor.builder().rerankModel(model).topN(1).build();
		}

	}

}

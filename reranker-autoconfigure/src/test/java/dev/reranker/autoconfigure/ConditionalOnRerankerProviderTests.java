package dev.reranker.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.autoconfigure.jina.JinaRerankAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConditionalOnRerankerProvider} selects by {@code reranker.enabled} and
 * {@code reranker.provider} (default {@code local}) and says which decided in the
 * condition evaluation report.
 */
class ConditionalOnRerankerProviderTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(CohereSelected.class, LocalSelected.class);

	@Test
	void matchingProviderIsReportedAsTheReason() {
		this.runner.withPropertyValues("reranker.provider=cohere").run(context -> {
			assertThat(context).hasBean("cohereMarker").doesNotHaveBean("localMarker");
			assertThat(outcome(context, CohereSelected.class)).isEqualTo(new Outcome(true,
					"@ConditionalOnRerankerProvider (cohere) matched: reranker.provider is 'cohere'"));
			assertThat(outcome(context, LocalSelected.class)).isEqualTo(new Outcome(false,
					"@ConditionalOnRerankerProvider (local) did not match: reranker.provider is 'cohere'"));
		});
	}

	@Test
	void unsetProviderSelectsLocalAndSaysSo() {
		this.runner.run(context -> {
			assertThat(context).hasBean("localMarker").doesNotHaveBean("cohereMarker");
			assertThat(outcome(context, LocalSelected.class)).isEqualTo(
					new Outcome(true, "@ConditionalOnRerankerProvider (local) matched: reranker.provider is not set, "
							+ "which selects the default provider 'local'"));
			assertThat(outcome(context, CohereSelected.class)).isEqualTo(new Outcome(false,
					"@ConditionalOnRerankerProvider (cohere) did not match: reranker.provider is not set, "
							+ "which selects the default provider 'local'"));
		});
	}

	@Test
	void disabledRerankingIsReportedBeforeTheProvider() {
		this.runner.withPropertyValues("reranker.enabled=false", "reranker.provider=cohere").run(context -> {
			assertThat(context).doesNotHaveBean("cohereMarker").doesNotHaveBean("localMarker");
			assertThat(outcome(context, CohereSelected.class)).isEqualTo(new Outcome(false,
					"@ConditionalOnRerankerProvider (cohere) did not match: reranker.enabled is 'false'"));
		});
	}

	@Test
	void providerIsComparedIgnoringCaseLikeConditionalOnProperty() {
		this.runner.withPropertyValues("reranker.provider=Cohere")
			.run(context -> assertThat(context).hasBean("cohereMarker").doesNotHaveBean("localMarker"));
	}

	@Test
	void blankProviderSelectsNone() {
		this.runner.withPropertyValues("reranker.provider=")
			.run(context -> assertThat(context).doesNotHaveBean("cohereMarker").doesNotHaveBean("localMarker"));
	}

	@Test
	void providerAutoConfigurationsReportTheirOutcome() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CohereRerankAutoConfiguration.class, JinaRerankAutoConfiguration.class))
			.withPropertyValues("reranker.provider=jina", "reranker.jina.api-key=k")
			.run(context -> {
				assertThat(outcome(context, JinaRerankAutoConfiguration.class)).isEqualTo(new Outcome(true,
						"@ConditionalOnRerankerProvider (jina) matched: reranker.provider is 'jina'"));
				assertThat(outcome(context, CohereRerankAutoConfiguration.class)).isEqualTo(new Outcome(false,
						"@ConditionalOnRerankerProvider (cohere) did not match: reranker.provider is 'jina'"));
			});
	}

	private static Outcome outcome(AssertableApplicationContext context, Class<?> source) {
		ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
		for (ConditionAndOutcome entry : report.getConditionAndOutcomesBySource().get(source.getName())) {
			if (entry.getCondition() instanceof OnRerankerProviderCondition) {
				return new Outcome(entry.getOutcome().isMatch(), entry.getOutcome().getMessage());
			}
		}
		throw new AssertionError("No @ConditionalOnRerankerProvider outcome for " + source.getName());
	}

	record Outcome(boolean match, String message) {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRerankerProvider("cohere")
	static class CohereSelected {

		@Bean
		String cohereMarker() {
			return "cohere";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRerankerProvider("local")
	static class LocalSelected {

		@Bean
		String localMarker() {
			return "local";
		}

	}

}

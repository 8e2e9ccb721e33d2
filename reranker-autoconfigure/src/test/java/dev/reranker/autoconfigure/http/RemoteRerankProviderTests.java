package dev.reranker.autoconfigure.http;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composed {@link RemoteRerankProvider}: the provider condition with its name, the
 * HTTP client classes, and the shared {@link RemoteProviderConfiguration}.
 */
class RemoteRerankProviderTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AcmeProvider.class);

	@Test
	void selectedProviderGetsTheSharedRemoteSupport() {
		this.runner.withPropertyValues("reranker.provider=acme").run((context) -> {
			assertThat(context).hasBean("acmeMarker").hasSingleBean(RemoteProviderSupport.class);
			assertThat(ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource()
				.get(AcmeProvider.class.getName()))
				.anySatisfy((conditionAndOutcome) -> assertThat(conditionAndOutcome.getOutcome().getMessage())
					.isEqualTo("@ConditionalOnRerankerProvider (acme) matched: reranker.provider is 'acme'"));
		});
	}

	@Test
	void anotherProviderLeavesItOut() {
		this.runner.withPropertyValues("reranker.provider=cohere")
			.run((context) -> assertThat(context).doesNotHaveBean("acmeMarker")
				.doesNotHaveBean(RemoteProviderSupport.class));
	}

	@Test
	void missingHttpClientClassesLeaveItOut() {
		this.runner.withPropertyValues("reranker.provider=acme")
			.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("acmeMarker")
				.doesNotHaveBean(RemoteProviderSupport.class));
	}

	@Configuration(proxyBeanMethods = false)
	@RemoteRerankProvider("acme")
	static class AcmeProvider {

		@Bean
		String acmeMarker() {
			return "acme";
		}

	}

}

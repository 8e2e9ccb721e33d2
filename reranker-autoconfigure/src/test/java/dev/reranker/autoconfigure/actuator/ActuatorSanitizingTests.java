package dev.reranker.autoconfigure.actuator;

import org.junit.jupiter.api.Test;

import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankProperties;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Even with values shown, actuator's configprops and env endpoints mask the API key; the
 * masking is registered as an auto-configuration.
 */
class ActuatorSanitizingTests {

	private static final String KEY = "sk-actuator-SECRET-42";

	@Test
	void isRegisteredAsAnAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
			.contains(RerankerActuatorAutoConfiguration.class.getName());
	}

	@Test
	void configpropsAndEnvMaskTheApiKey() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CohereRerankAutoConfiguration.class, RerankerActuatorAutoConfiguration.class))
			.withPropertyValues("reranker.provider=cohere", "reranker.cohere.api-key=" + KEY, "COHERE_API_KEY=" + KEY)
			.run(context -> {
				assertThat(context).hasNotFailed();
				var sanitizers = context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
				ConfigurationPropertiesReportEndpoint configprops = new ConfigurationPropertiesReportEndpoint(
						sanitizers, Show.ALWAYS);
				configprops.setApplicationContext(context);
				var beans = configprops.configurationProperties().getContexts().values().iterator().next().getBeans();
				var cohere = beans.values()
					.stream()
					.filter(bean -> bean.getPrefix().equals(CohereRerankProperties.PREFIX))
					.findFirst()
					.orElseThrow();
				assertThat(cohere.getProperties()).containsEntry("model", "rerank-v3.5")
					.containsEntry("apiKey", "******");

				EnvironmentEndpoint env = new EnvironmentEndpoint(context.getEnvironment(), sanitizers, Show.ALWAYS);
				var values = env.environment(null)
					.getPropertySources()
					.stream()
					.flatMap(source -> source.getProperties().entrySet().stream())
					.filter(entry -> entry.getKey().equals("reranker.cohere.api-key")
							|| entry.getKey().equals("COHERE_API_KEY") || entry.getKey().equals("reranker.provider"))
					.map(entry -> entry.getKey() + "=" + entry.getValue().getValue())
					.toList();
				assertThat(values).containsExactlyInAnyOrder("reranker.provider=cohere",
						"reranker.cohere.api-key=******", "COHERE_API_KEY=******");
			});
	}

}

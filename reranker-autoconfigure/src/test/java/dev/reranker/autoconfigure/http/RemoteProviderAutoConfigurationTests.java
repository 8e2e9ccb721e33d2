package dev.reranker.autoconfigure.http;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.RerankModel;
import dev.reranker.RerankResponse;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.autoconfigure.jina.JinaRerankAutoConfiguration;
import dev.reranker.autoconfigure.tei.TeiRerankAutoConfiguration;
import dev.reranker.autoconfigure.voyage.VoyageRerankAutoConfiguration;
import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;
import dev.reranker.http.RemoteCallSettings;
import dev.reranker.http.RemoteRerankClient;
import dev.reranker.http.RemoteRerankModel;
import dev.reranker.jina.JinaRerankModel;
import dev.reranker.tei.TeiRerankModel;
import dev.reranker.voyage.VoyageRerankModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration of each remote provider: defaults, overrides, backing off, API
 * key resolution and its failure analysis, validation, and a working model against a
 * loopback server.
 */
class RemoteProviderAutoConfigurationTests {

	enum Provider {

		COHERE("cohere", CohereRerankAutoConfiguration.class, CohereRerankModel.class, Protocol.COHERE,
				"COHERE_API_KEY", "https://api.cohere.com", "rerank-v3.5", 1000, "max-documents-per-request"),

		JINA("jina", JinaRerankAutoConfiguration.class, JinaRerankModel.class, Protocol.JINA, "JINA_API_KEY",
				"https://api.jina.ai", "jina-reranker-v2-base-multilingual", 1000, "max-documents-per-request"),

		VOYAGE("voyage", VoyageRerankAutoConfiguration.class, VoyageRerankModel.class, Protocol.VOYAGE,
				"VOYAGE_API_KEY", "https://api.voyageai.com", "rerank-2.5", 1000, "max-documents-per-request"),

		TEI("tei", TeiRerankAutoConfiguration.class, TeiRerankModel.class, Protocol.TEI, null, "http://localhost:8080",
				null, 32, "batch-size");

		final String name;

		final Class<?> autoConfiguration;

		final Class<? extends RemoteRerankModel> modelType;

		final Protocol protocol;

		final String environmentVariable;

		final String defaultBaseUrl;

		final String defaultModel;

		final int defaultLimit;

		final String limitProperty;

		Provider(String name, Class<?> autoConfiguration, Class<? extends RemoteRerankModel> modelType,
				Protocol protocol, String environmentVariable, String defaultBaseUrl, String defaultModel,
				int defaultLimit, String limitProperty) {
			this.name = name;
			this.autoConfiguration = autoConfiguration;
			this.modelType = modelType;
			this.protocol = protocol;
			this.environmentVariable = environmentVariable;
			this.defaultBaseUrl = defaultBaseUrl;
			this.defaultModel = defaultModel;
			this.defaultLimit = defaultLimit;
			this.limitProperty = limitProperty;
		}

		String property(String name) {
			return "reranker." + this.name + "." + name;
		}

	}

	private LoopbackRerankServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private static ApplicationContextRunner runner(Provider provider) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RestClientAutoConfiguration.class, CohereRerankAutoConfiguration.class,
							JinaRerankAutoConfiguration.class, VoyageRerankAutoConfiguration.class,
							TeiRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withPropertyValues("reranker.provider=" + provider.name);
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void defaults(Provider provider) {
		ApplicationContextRunner runner = runner(provider);
		if (provider.environmentVariable != null) {
			runner = runner.withPropertyValues(provider.property("api-key") + "=test-key");
		}
		runner.run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(provider.modelType).hasSingleBean(RerankModel.class);
			RemoteRerankModel model = context.getBean(provider.modelType);
			assertThat(model.getProviderName()).isEqualTo(provider.name);
			assertThat(model.getDefaultOptions().getModel()).isEqualTo(provider.defaultModel);
			assertThat(model.getMaxDocumentsPerRequest()).isEqualTo(provider.defaultLimit);
			assertThat(model.toString()).contains(provider.defaultBaseUrl).doesNotContain("test-key");
			RemoteRerankClient client = model.getClient();
			assertThat(client.getSettings()).isEqualTo(RemoteCallSettings.defaults());
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel()).isSameAs(model);
		});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void theModelObservesItsCallsInTheObservationRegistryBean(Provider provider) {
		TestObservationRegistry registry = TestObservationRegistry.create();
		runner(provider).withPropertyValues(provider.property("api-key") + "=test-key")
			.withBean(TestObservationRegistry.class, () -> registry)
			.run(context -> {
				RemoteRerankModel model = context.getBean(provider.modelType);
				assertThat(model.getObservationRegistry()).isSameAs(registry);
				assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel()).isSameAs(model);
			});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void overridesReachTheModelAndTheWire(Provider provider) {
		this.server = LoopbackRerankServer.start(provider.protocol);
		runner(provider)
			.withPropertyValues(provider.property("base-url") + "=" + this.server.baseUrl() + "/",
					provider.property("api-key") + "=override-key", provider.property("model") + "=custom-model",
					provider.property(provider.limitProperty) + "=2", provider.property("request-timeout") + "=3s",
					"reranker.call-deadline=4s", "reranker.retry.max-retries=1", "reranker.retry.initial-backoff=10ms",
					"reranker.retry.max-backoff=50ms")
			.run(context -> {
				assertThat(context).hasNotFailed();
				RemoteRerankModel model = context.getBean(provider.modelType);
				assertThat(model.getDefaultOptions().getModel()).isEqualTo("custom-model");
				assertThat(model.getMaxDocumentsPerRequest()).isEqualTo(2);
				assertThat(model.getClient().getSettings()).isEqualTo(
						new RemoteCallSettings(Duration.ofSeconds(4), 1, Duration.ofMillis(10), Duration.ofMillis(50)));

				this.server.enqueue(Reply.status(503));
				List<Document> result = context.getBean(RerankingDocumentPostProcessor.class)
					.process(new Query("spring reranker"),
							List.of(new Document("garden"), new Document("spring"), new Document("spring reranker")));

				assertThat(result).extracting(Document::getText).containsExactly("spring reranker", "spring", "garden");
				assertThat(this.server.requests()).hasSize(3).allSatisfy(request -> {
					assertThat(request.authorization()).isEqualTo("Bearer override-key");
					assertThat(request.path()).isEqualTo(provider.protocol.path());
				});
				if (provider != Provider.TEI) {
					assertThat(this.server.requests().get(0).body().path("model").asString()).isEqualTo("custom-model");
				}
			});
	}

	@org.junit.jupiter.api.Test
	void providerSpecificSettingsReachTheModel() {
		runner(Provider.JINA).withPropertyValues("reranker.jina.api-key=k", "reranker.jina.score-mapping=logistic")
			.run(context -> assertThat(context.getBean(JinaRerankModel.class).getScoreMapping())
				.isEqualTo(JinaRerankModel.ScoreMapping.LOGISTIC));
		runner(Provider.VOYAGE).withPropertyValues("reranker.voyage.api-key=k", "reranker.voyage.truncation=false")
			.run(context -> assertThat(context.getBean(VoyageRerankModel.class).isTruncation()).isFalse());
		this.server = LoopbackRerankServer.start(Protocol.TEI);
		runner(Provider.TEI)
			.withPropertyValues("reranker.tei.base-url=" + this.server.baseUrl(), "reranker.tei.truncate=false")
			.run(context -> {
				context.getBean(RerankModel.class).score("q", List.of("a"));
				assertThat(this.server.requests().get(0).body().path("truncate").asBoolean(true)).isFalse();
			});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void connectionDetailsBeanWinsOverProperties(Provider provider) {
		this.server = LoopbackRerankServer.start(provider.protocol);
		String baseUrl = this.server.baseUrl();
		RerankConnectionDetails details = new RerankConnectionDetails() {
			@Override
			public String baseUrl() {
				return baseUrl;
			}

			@Override
			public String apiKey() {
				return "details-key";
			}
		};
		runner(provider).withBean(RerankConnectionDetails.class, () -> details)
			.withPropertyValues(provider.property("base-url") + "=http://127.0.0.1:1",
					provider.property("api-key") + "=property-key")
			.run(context -> {
				context.getBean(RerankModel.class).score("q", List.of("a"));
				assertThat(this.server.requests().get(0).authorization()).isEqualTo("Bearer details-key");
			});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void userModelBeanMakesItBackOff(Provider provider) {
		@SuppressWarnings("unchecked")
		Class<RemoteRerankModel> type = (Class<RemoteRerankModel>) provider.modelType;
		runner(provider).withBean("myModel", type, () -> userModel(provider)).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(provider.modelType);
			assertThat(context).getBean(provider.modelType).isSameAs(context.getBean("myModel"));
		});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void anyUserRerankModelMakesItBackOff(Provider provider) {
		RerankModel own = request -> new RerankResponse(List.of());
		runner(provider).withBean("ownModel", RerankModel.class, () -> own).run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(provider.modelType);
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel()).isSameAs(own);
		});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void otherProviderSelectedMeansNoBean(Provider provider) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(provider.autoConfiguration))
			.withPropertyValues("reranker.provider=somethingelse")
			.run(context -> assertThat(context).doesNotHaveBean(provider.modelType));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(provider.autoConfiguration))
			.run(context -> assertThat(context).as("local is the default provider")
				.doesNotHaveBean(provider.modelType));
		runner(provider).withPropertyValues("reranker.enabled=false", provider.property("api-key") + "=k")
			.run(context -> assertThat(context).doesNotHaveBean(provider.modelType));
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void backsOffWithoutRestClient(Provider provider) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(provider.autoConfiguration))
			.withClassLoader(new FilteredClassLoader(RestClient.class))
			.withPropertyValues("reranker.provider=" + provider.name, provider.property("api-key") + "=k")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(provider.modelType));
	}

	@ParameterizedTest
	@EnumSource(value = Provider.class, names = { "COHERE", "JINA", "VOYAGE" })
	void missingKeyForTheHostedApiIsExplained(Provider provider) {
		runner(provider).run(context -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			MissingApiKeyException cause = findCause(failure, MissingApiKeyException.class);
			assertThat(cause).isNotNull();
			FailureAnalysis analysis = new MissingApiKeyFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains(provider.property("api-key"))
				.contains(provider.environmentVariable)
				.contains(provider.defaultBaseUrl);
			assertThat(analysis.getAction()).contains(provider.property("api-key"))
				.contains(provider.environmentVariable)
				.contains(provider.property("base-url"));
		});
	}

	@ParameterizedTest
	@EnumSource(value = Provider.class, names = { "COHERE", "JINA", "VOYAGE" })
	void keyComesFromTheEnvironmentVariable(Provider provider) {
		this.server = LoopbackRerankServer.start(provider.protocol);
		runner(provider)
			.withPropertyValues(provider.environmentVariable + "=env-key",
					provider.property("base-url") + "=" + this.server.baseUrl())
			.run(context -> {
				context.getBean(RerankModel.class).score("q", List.of("a"));
				assertThat(this.server.requests().get(0).authorization()).isEqualTo("Bearer env-key");
			});
		runner(provider).withPropertyValues(provider.environmentVariable + "=env-key")
			.run(context -> assertThat(context).as("hosted API with the key from the environment").hasNotFailed());
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void selfHostedServerNeedsNoKey(Provider provider) {
		this.server = LoopbackRerankServer.start(provider.protocol);
		runner(provider).withPropertyValues(provider.property("base-url") + "=" + this.server.baseUrl())
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RerankModel.class).score("spring", List.of("spring", "autumn")))
					.containsExactly(1.0, 0.0);
				assertThat(this.server.requests().get(0).authorization()).isNull();
			});
	}

	@ParameterizedTest
	@EnumSource(Provider.class)
	void invalidValuesNameTheProperty(Provider provider) {
		assertInvalid(provider, provider.property("base-url") + "=ftp://example.org", "baseUrl",
				provider.property("base-url") + " must start with http:// or https://");
		assertInvalid(provider, provider.property("request-timeout") + "=0s", "requestTimeout",
				provider.property("request-timeout") + " must be a positive duration");
		assertInvalid(provider, provider.property("timeout") + "=0s", "timeout",
				provider.property("timeout") + " must be a positive duration (" + provider.property("timeout")
						+ " is deprecated: set " + provider.property("request-timeout") + " instead)");
		assertInvalid(provider, provider.property(provider.limitProperty) + "=0",
				provider == Provider.TEI ? "batchSize" : "maxDocumentsPerRequest",
				provider.property(provider.limitProperty) + " must be at least 1");
		assertInvalid(provider, "reranker.call-deadline=-1s", "callDeadline",
				"reranker.call-deadline must be a positive duration");
		assertInvalid(provider, "reranker.timeout=-1s", "timeout",
				"reranker.timeout must be a positive duration (reranker.timeout is deprecated: set "
						+ "reranker.call-deadline instead)");
		assertInvalid(provider, "reranker.retry.max-retries=-1", "maxRetries",
				"reranker.retry.max-retries must be at least 0");
		assertInvalid(provider, "reranker.retry.max-backoff=1ms", "maxBackoff",
				"reranker.retry.max-backoff must not be shorter than reranker.retry.initial-backoff");
	}

	private void assertInvalid(Provider provider, String property, String field, String message) {
		runner(provider).withPropertyValues(property, provider.property("api-key") + "=k").run(context -> {
			assertThat(context).hasFailed();
			String key = property.substring(0, property.indexOf('='));
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("origin \"" + key + "\"")
				.hasMessageContaining("field '" + field + "'")
				.hasMessageContaining(message);
		});
	}

	private static RemoteRerankModel userModel(Provider provider) {
		return switch (provider) {
			case COHERE -> CohereRerankModel.builder().baseUrl("http://127.0.0.1:1").build();
			case JINA -> JinaRerankModel.builder().baseUrl("http://127.0.0.1:1").build();
			case VOYAGE -> VoyageRerankModel.builder().baseUrl("http://127.0.0.1:1").build();
			case TEI -> TeiRerankModel.builder().baseUrl("http://127.0.0.1:1").build();
		};
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}

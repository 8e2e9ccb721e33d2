package dev.reranker.autoconfigure.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.autoconfigure.jina.JinaRerankAutoConfiguration;
import dev.reranker.autoconfigure.tei.TeiRerankAutoConfiguration;
import dev.reranker.autoconfigure.voyage.VoyageRerankAutoConfiguration;
import dev.reranker.http.RemoteRerankClient;
import dev.reranker.http.RemoteRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reranker.<provider>.base-urls} and
 * {@code reranker.<provider>.endpoint-cool-down} for every remote provider: several
 * endpoints reach the model and share the requests, the single {@code base-url} still
 * works, and a conflict or a bad value stops start-up with a message naming the
 * properties.
 */
class MultipleBaseUrlsAutoConfigurationTests {

	private final List<LoopbackRerankServer> servers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach(LoopbackRerankServer::close);
	}

	private static ApplicationContextRunner runner(String provider) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RestClientAutoConfiguration.class, CohereRerankAutoConfiguration.class,
							JinaRerankAutoConfiguration.class, VoyageRerankAutoConfiguration.class,
							TeiRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withPropertyValues("reranker.provider=" + provider);
	}

	private String startServers(String provider) {
		Protocol protocol = Protocol.valueOf(provider.toUpperCase(java.util.Locale.ROOT));
		for (int i = 0; i < 3; i++) {
			this.servers.add(LoopbackRerankServer.start(protocol));
		}
		return String.join(",", this.servers.stream().map(LoopbackRerankServer::baseUrl).toList());
	}

	@ParameterizedTest
	@ValueSource(strings = { "cohere", "jina", "voyage", "tei" })
	void baseUrlsReachTheModelAndShareTheRequests(String provider) {
		String urls = startServers(provider);
		runner(provider)
			.withPropertyValues("reranker." + provider + ".base-urls=" + urls,
					"reranker." + provider + ".endpoint-cool-down=5s", "reranker." + provider + ".api-key=k")
			.run(context -> {
				assertThat(context).hasNotFailed();
				RemoteRerankClient client = context.getBean(RemoteRerankModel.class).getClient();
				assertThat(client.getBaseUrls())
					.containsExactlyElementsOf(this.servers.stream().map(LoopbackRerankServer::baseUrl).toList());
				assertThat(client.getEndpointCoolDown()).isEqualTo(Duration.ofSeconds(5));
				RerankModel model = context.getBean(RerankModel.class);
				for (int i = 0; i < 6; i++) {
					assertThat(model.score("spring", List.of("spring", "autumn"))).containsExactly(1.0, 0.0);
				}
				assertThat(this.servers).allSatisfy(server -> assertThat(server.requests()).hasSize(2));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "cohere", "jina", "voyage", "tei" })
	void oneBaseUrlAndTheDefaultCoolDownStillWork(String provider) {
		String url = startServers(provider).split(",")[0];
		runner(provider).withPropertyValues("reranker." + provider + ".base-url=" + url + "/").run(context -> {
			RemoteRerankClient client = context.getBean(RemoteRerankModel.class).getClient();
			assertThat(client.getBaseUrls()).containsExactly(url);
			assertThat(client.getEndpointCoolDown()).isEqualTo(RemoteRerankModel.DEFAULT_ENDPOINT_COOL_DOWN)
				.isEqualTo(Duration.ofSeconds(30));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "cohere", "jina", "voyage", "tei" })
	void baseUrlAndBaseUrlsTogetherIsABindingErrorNamingBoth(String provider) {
		String prefix = "reranker." + provider;
		assertInvalid(provider, prefix + ".base-urls", "baseUrls",
				prefix + ".base-url and " + prefix + ".base-urls are both set: set only one of them",
				prefix + ".base-url=http://127.0.0.1:1", prefix + ".base-urls=http://127.0.0.1:2,http://127.0.0.1:3");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cohere", "jina", "voyage", "tei" })
	void badValuesNameTheProperty(String provider) {
		String prefix = "reranker." + provider;
		assertInvalid(provider, prefix + ".base-urls", "baseUrls",
				prefix + ".base-urls must start with http:// or https:// but was 'ftp://example.org'",
				prefix + ".base-urls=http://127.0.0.1:2,ftp://example.org");
		assertInvalid(provider, prefix + ".endpoint-cool-down", "endpointCoolDown",
				prefix + ".endpoint-cool-down must be a duration of 0 or more", prefix + ".endpoint-cool-down=-1s");
	}

	private static void assertInvalid(String provider, String origin, String field, String message,
			String... properties) {
		runner(provider).withPropertyValues(properties)
			.withPropertyValues("reranker." + provider + ".api-key=k")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("origin \"" + origin + "\"")
					.hasMessageContaining("field '" + field + "'")
					.hasMessageContaining(message);
			});
	}

	@Test
	void theHostedApiAmongTheBaseUrlsStillNeedsAKey() {
		runner("cohere").withPropertyValues("reranker.cohere.base-urls=http://127.0.0.1:1,https://api.cohere.com")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingApiKeyException.class)
					.hasMessageContaining("https://api.cohere.com");
			});
	}

	@Test
	void connectionDetailsCanListSeveralBaseUrls() {
		String urls = startServers("tei");
		RerankConnectionDetails details = new RerankConnectionDetails() {
			@Override
			public String baseUrl() {
				return urls.split(",")[0];
			}

			@Override
			public List<String> baseUrls() {
				return List.of(urls.split(","));
			}
		};
		runner("tei").withBean(RerankConnectionDetails.class, () -> details)
			.withPropertyValues("reranker.tei.base-url=http://127.0.0.1:1")
			.run(context -> {
				RerankModel model = context.getBean(RerankModel.class);
				for (int i = 0; i < 3; i++) {
					model.score("q", List.of("a"));
				}
				assertThat(this.servers).allSatisfy(server -> assertThat(server.requests()).hasSize(1));
			});
	}

}

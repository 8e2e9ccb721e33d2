package dev.reranker.autoconfigure.http;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.RerankerProperties;
import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankProperties;
import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * {@code reranker.call-deadline} bounds a whole rerank call and
 * {@code reranker.<provider>.request-timeout} one HTTP request; their former names,
 * {@code reranker.timeout} and {@code reranker.<provider>.timeout}, still bind, and the
 * new name wins when both are set.
 */
class TimeoutPropertiesTests {

	private LoopbackRerankServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void start() {
		this.server = LoopbackRerankServer.start(Protocol.COHERE);
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					CohereRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withPropertyValues("reranker.provider=cohere", "reranker.cohere.base-url=" + this.server.baseUrl(),
					"reranker.retry.max-retries=0");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void newKeysBind() {
		this.runner.withPropertyValues("reranker.call-deadline=4s", "reranker.cohere.request-timeout=3s")
			.run(context -> assertTimeouts(context.getBean(RerankerProperties.class),
					context.getBean(CohereRerankProperties.class), context.getBean(CohereRerankModel.class),
					Duration.ofSeconds(4), Duration.ofSeconds(3)));
	}

	@Test
	@SuppressWarnings("deprecation")
	void deprecatedKeysStillBind() {
		this.runner.withPropertyValues("reranker.timeout=4s", "reranker.cohere.timeout=3s").run(context -> {
			RerankerProperties reranker = context.getBean(RerankerProperties.class);
			CohereRerankProperties cohere = context.getBean(CohereRerankProperties.class);
			assertTimeouts(reranker, cohere, context.getBean(CohereRerankModel.class), Duration.ofSeconds(4),
					Duration.ofSeconds(3));
			assertThat(reranker.getTimeout()).isEqualTo(reranker.getCallDeadline());
			assertThat(cohere.getTimeout()).isEqualTo(cohere.getRequestTimeout());
		});
	}

	@Test
	void newKeyWinsOverTheDeprecatedOne() {
		this.runner
			.withPropertyValues("reranker.timeout=9s", "reranker.call-deadline=4s", "reranker.cohere.timeout=9s",
					"reranker.cohere.request-timeout=3s")
			.run(context -> assertTimeouts(context.getBean(RerankerProperties.class),
					context.getBean(CohereRerankProperties.class), context.getBean(CohereRerankModel.class),
					Duration.ofSeconds(4), Duration.ofSeconds(3)));
	}

	@Test
	@SuppressWarnings("deprecation")
	void newKeyWinsWhicheverSetterTheBinderCallsFirst() {
		RerankerProperties oldFirst = new RerankerProperties();
		oldFirst.setTimeout(Duration.ofSeconds(9));
		oldFirst.setCallDeadline(Duration.ofSeconds(4));
		RerankerProperties newFirst = new RerankerProperties();
		newFirst.setCallDeadline(Duration.ofSeconds(4));
		newFirst.setTimeout(Duration.ofSeconds(9));
		assertThat(List.of(oldFirst.getCallDeadline(), newFirst.getCallDeadline())).containsOnly(Duration.ofSeconds(4));

		CohereRerankProperties cohereOldFirst = new CohereRerankProperties();
		cohereOldFirst.setTimeout(Duration.ofSeconds(9));
		cohereOldFirst.setRequestTimeout(Duration.ofSeconds(3));
		CohereRerankProperties cohereNewFirst = new CohereRerankProperties();
		cohereNewFirst.setRequestTimeout(Duration.ofSeconds(3));
		cohereNewFirst.setTimeout(Duration.ofSeconds(9));
		assertThat(List.of(cohereOldFirst.getRequestTimeout(), cohereNewFirst.getRequestTimeout()))
			.containsOnly(Duration.ofSeconds(3));
	}

	@Test
	void requestTimeoutCutsOffOneSlowRequestWellBeforeTheCallDeadline() {
		assertSlowRequestIsCutOff("reranker.cohere.request-timeout=300ms");
	}

	@Test
	void deprecatedRequestTimeoutKeyStillCutsOffOneSlowRequest() {
		assertSlowRequestIsCutOff("reranker.cohere.timeout=300ms");
	}

	private void assertSlowRequestIsCutOff(String requestTimeout) {
		this.runner.withPropertyValues(requestTimeout, "reranker.call-deadline=30s").run(context -> {
			this.server.enqueue(Reply.slow(Duration.ofSeconds(5)));
			RerankModel model = context.getBean(RerankModel.class);
			long start = System.nanoTime();
			assertThatRuntimeException().isThrownBy(() -> model.score("q", List.of("a")));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		});
	}

	private static void assertTimeouts(RerankerProperties reranker, CohereRerankProperties cohere,
			CohereRerankModel model, Duration callDeadline, Duration requestTimeout) {
		assertThat(reranker.getCallDeadline()).isEqualTo(callDeadline);
		assertThat(model.getClient().getSettings().deadline()).isEqualTo(callDeadline);
		assertThat(cohere.getRequestTimeout()).isEqualTo(requestTimeout);
	}

}

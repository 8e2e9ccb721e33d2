package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A remote model with three base URLs, each a real loopback server: requests spread
 * round-robin, a failing server is skipped for the cool-down and tried again after it,
 * and the call's deadline holds across the endpoints ({@link EndpointFailoverLoadTests}
 * kills one under load).
 */
class MultiEndpointTests {

	private static final String QUERY = "spring reranker";

	private static final RemoteCallSettings SETTINGS = new RemoteCallSettings(Duration.ofSeconds(10), 3,
			Duration.ofMillis(10), Duration.ofMillis(50));

	private final List<LoopbackRerankServer> servers = new ArrayList<>();

	private RemoteRerankModel model;

	@AfterEach
	void stop() {
		if (this.model != null) {
			this.model.close();
		}
		this.servers.forEach(LoopbackRerankServer::close);
	}

	private void start(Protocol protocol) {
		for (int i = 0; i < 3; i++) {
			this.servers.add(LoopbackRerankServer.start(protocol));
		}
	}

	private LoopbackRerankServer server(int i) {
		return this.servers.get(i);
	}

	private RemoteRerankModel model(Consumer<RemoteRerankModel.Builder<?>> customizer) {
		List<String> urls = this.servers.stream().map(LoopbackRerankServer::baseUrl).toList();
		this.model = RemoteModels.create(server(0), builder -> {
			builder.baseUrls(urls).settings(SETTINGS);
			customizer.accept(builder);
		});
		return this.model;
	}

	private static List<String> texts(int count) {
		String[] words = { "spring", "reranker", "garden", "autumn", "model" };
		return IntStream.range(0, count).mapToObj(i -> words[i % words.length] + " " + words[(i / 5) % 5]).toList();
	}

	private static List<Double> expectedScores(List<String> texts) {
		return texts.stream().map(text -> LoopbackRerankServer.score(QUERY, text)).toList();
	}

	private int requests(int server) {
		return server(server).requests().size();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void requestsSpreadRoundRobin(Protocol protocol) {
		start(protocol);
		RemoteRerankModel model = model(builder -> {
		});
		List<String> texts = texts(3);

		for (int i = 0; i < 30; i++) {
			assertThat(model.score(QUERY, texts)).isEqualTo(expectedScores(texts));
		}

		assertThat(model.getClient().getBaseUrls()).containsExactly(server(0).baseUrl(), server(1).baseUrl(),
				server(2).baseUrl());
		assertThat(List.of(requests(0), requests(1), requests(2))).containsExactly(10, 10, 10);
	}

	@Test
	void anEndpointAnswering5xxIsSkippedForTheCoolDownThenTriedAgain() throws InterruptedException {
		start(Protocol.COHERE);
		Duration coolDown = Duration.ofSeconds(3);
		RemoteRerankModel model = model(builder -> builder.endpointCoolDown(coolDown));
		List<String> texts = texts(4);
		for (int i = 0; i < 3; i++) {
			// warm-up: connections and JIT, one call per server
			model.score(QUERY, texts);
		}
		server(1).faults(request -> Reply.status(503));

		long started = System.nanoTime();
		for (int i = 0; i < 9; i++) {
			assertThat(model.score(QUERY, texts)).isEqualTo(expectedScores(texts));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the calls ran within the cool-down")
			.isLessThan(coolDown);
		assertThat(requests(1)).as("tried once, then skipped").isEqualTo(2);
		assertThat(requests(0) + requests(2)).isEqualTo(2 + 9);

		server(1).faults(request -> Reply.normal());
		Thread.sleep(coolDown.toMillis() + 50);
		for (int i = 0; i < 3; i++) {
			assertThat(model.score(QUERY, texts)).isEqualTo(expectedScores(texts));
		}
		assertThat(requests(1)).as("tried again after the cool-down").isEqualTo(3);
	}

	@Test
	void whenAllAreCoolingDownTheFirstToRecoverIsTried() {
		start(Protocol.COHERE);
		server(0).enqueue(Reply.status(503));
		server(1).faults(request -> Reply.status(503));
		server(2).faults(request -> Reply.status(502));
		RemoteRerankModel model = model(builder -> {
		});
		List<String> texts = texts(5);

		assertThat(model.score(QUERY, texts)).isEqualTo(expectedScores(texts));

		assertThat(List.of(requests(0), requests(1), requests(2))).containsExactly(2, 1, 1);
		assertThat(model.getClient().endpoints().endpoints()).extracting(EndpointPool.Endpoint::isCoolingDown)
			.containsExactly(false, true, true);
	}

	@Test
	void everyEndpointDownFailsAfterTryingThemAll() {
		start(Protocol.COHERE);
		RemoteRerankModel model = model(builder -> {
		});
		this.servers.forEach(LoopbackRerankServer::stop);

		assertThatExceptionOfType(RemoteRerankException.class).isThrownBy(() -> model.score(QUERY, texts(2)))
			.withMessageContaining("gave up after 3 retries; last error: I/O error calling POST http://");
		assertThat(model.getClient().endpoints().endpoints()).allMatch(EndpointPool.Endpoint::isCoolingDown);
	}

	@Test
	void theDeadlineHoldsAcrossTheEndpoints() {
		start(Protocol.COHERE);
		this.servers.forEach(server -> server.faults(request -> Reply.slow(Duration.ofSeconds(2))));
		RemoteRerankModel model = model(builder -> builder.settings(SETTINGS.withDeadline(Duration.ofMillis(400))));

		long started = System.nanoTime();
		assertThatExceptionOfType(RemoteRerankException.class).isThrownBy(() -> model.score(QUERY, texts(2)))
			.withMessageContaining("no answer from any of [" + server(0).baseUrl() + ", ")
			.withMessageContaining("within the deadline of 400 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
		assertThat(model.getClient().endpoints().endpoints()).as("abandoned at our deadline, not the servers' fault")
			.noneMatch(EndpointPool.Endpoint::isCoolingDown);
	}

}

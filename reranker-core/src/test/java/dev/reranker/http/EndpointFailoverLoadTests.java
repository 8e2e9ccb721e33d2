package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent rerank calls spread over three loopback servers, one of which is killed in
 * the middle of the load and restarted later. Asserts: no call fails and every call
 * returns every document with the server's score; after the kill, the killed server is
 * tried only in the burst of requests already on their way to it, then skipped for the
 * cool-down; once restarted and the cool-down is over, it serves again. Prints one
 * {@code FAILOVER} line with the figures quoted in {@code docs/reliability.md}.
 */
class EndpointFailoverLoadTests {

	private static final String QUERY = "spring reranker";

	private static final int CALLERS = 8;

	private static final int DOCUMENTS = 20;

	private static final int BATCH = 5;

	private static final Duration COOL_DOWN = Duration.ofSeconds(3);

	// Requests that picked the killed server before its first failure marked it fail
	// within this window of that failure.
	private static final Duration BURST = Duration.ofSeconds(1);

	private final List<LoopbackRerankServer> servers = new ArrayList<>();

	private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

	private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

	private RemoteRerankModel model;

	record Failure(long nanos, String message) {
	}

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
		if (this.model != null) {
			this.model.close();
		}
		this.servers.forEach(LoopbackRerankServer::close);
	}

	@Test
	void aServerKilledMidLoadLosesNoDocumentsIsSkippedAndServesAgainAfterTheCoolDown() throws Exception {
		for (int i = 0; i < 3; i++) {
			// Slow enough that requests are in flight when the server dies.
			this.servers
				.add(LoopbackRerankServer.start(Protocol.COHERE).faults(request -> Reply.slow(Duration.ofMillis(10))));
		}
		LoopbackRerankServer killed = this.servers.get(1);
		String killedUrl = killed.baseUrl() + Protocol.COHERE.path();
		RetryListener recorder = new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				EndpointFailoverLoadTests.this.failures
					.add(new Failure(System.nanoTime(), String.valueOf(state.getLastException().getMessage())));
			}
		};
		this.model = RemoteModels.create(this.servers.get(0), builder -> builder
			.baseUrls(this.servers.stream().map(LoopbackRerankServer::baseUrl).toList())
			.endpointCoolDown(COOL_DOWN)
			.settings(new RemoteCallSettings(Duration.ofSeconds(10), 3, Duration.ofMillis(10), Duration.ofMillis(50)))
			.maxDocumentsPerRequest(BATCH)
			.retryListener(recorder));
		EndpointPool.Endpoint killedEndpoint = this.model.getClient().endpoints().endpoints().get(1);

		// Phase 1: the server dies once 30 of 80 calls are done.
		CountDownLatch thirtyDone = new CountDownLatch(30);
		List<Future<?>> phase1 = submit(80, thirtyDone);
		assertThat(thirtyDone.await(30, TimeUnit.SECONDS)).isTrue();
		killed.stop();
		long killedAt = System.nanoTime();
		awaitAll(phase1);
		int requestsBeforeRestart = killed.requests().size();

		// Phase 2: more load while it is down.
		long phase2Started = System.nanoTime();
		int othersBefore = requestsToOthers();
		awaitAll(submit(80, null));
		long phase2Nanos = System.nanoTime() - phase2Started;
		assertThat(requestsToOthers() - othersBefore).as("phase 2 served by the two others")
			.isEqualTo(80 * DOCUMENTS / BATCH);

		List<Long> killedFailures = this.failures.stream()
			.filter(failure -> failure.message().contains(killedUrl))
			.map(Failure::nanos)
			.sorted()
			.toList();
		assertThat(killedFailures).as("the kill was noticed").isNotEmpty();
		long first = killedFailures.get(0);
		assertThat(first).isGreaterThanOrEqualTo(killedAt - BURST.toNanos());
		assertThat(killedFailures).as("after the first burst, skipped until the cool-down ends")
			.allMatch(t -> t - first < BURST.toNanos() || t - first >= COOL_DOWN.toNanos());
		int retries = this.failures.size();

		// Phase 3: back on the same port; once its cool-down is over it serves again.
		killed.restart();
		long deadline = System.nanoTime() + COOL_DOWN.plusSeconds(5).toNanos();
		while (killedEndpoint.isCoolingDown() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(killedEndpoint.isCoolingDown()).isFalse();
		awaitAll(submit(30, null));
		int servedAfterRestart = killed.requests().size() - requestsBeforeRestart;
		assertThat(servedAfterRestart).as("requests to the restarted server").isPositive();

		System.out.printf(
				"FAILOVER calls=190 requests=%d per-server=%s retries-around-kill=%d killed-server-failures=%d "
						+ "phase2=%d ms served-after-restart=%d%n",
				this.servers.stream().mapToInt(server -> server.requests().size()).sum(),
				this.servers.stream().map(server -> server.requests().size()).toList(), retries, killedFailures.size(),
				TimeUnit.NANOSECONDS.toMillis(phase2Nanos), servedAfterRestart);
	}

	private int requestsToOthers() {
		return this.servers.get(0).requests().size() + this.servers.get(2).requests().size();
	}

	private List<Future<?>> submit(int calls, CountDownLatch done) {
		List<String> texts = IntStream.range(0, DOCUMENTS)
			.mapToObj(i -> (i % 3 == 0) ? "spring text " + i : (i % 3 == 1) ? "reranker text " + i : "garden text " + i)
			.toList();
		List<Double> expected = texts.stream().map(text -> LoopbackRerankServer.score(QUERY, text)).toList();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			futures.add(this.callers.submit(() -> {
				assertThat(this.model.score(QUERY, texts)).as("every document scored").isEqualTo(expected);
				if (done != null) {
					done.countDown();
				}
			}));
		}
		return futures;
	}

	private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
		List<Throwable> escaped = new ArrayList<>();
		for (Future<?> future : futures) {
			try {
				future.get(60, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				escaped.add(ex.getCause());
			}
			catch (java.util.concurrent.TimeoutException ex) {
				escaped.add(ex);
			}
		}
		assertThat(escaped).as("exceptions that escaped a call").isEmpty();
	}

}

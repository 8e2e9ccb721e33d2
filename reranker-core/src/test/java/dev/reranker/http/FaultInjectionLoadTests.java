package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.reranker.FailureMode;
import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;

import static org.assertj.core.api.Assertions.assertThat;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * 200 concurrent rerank calls through the post-processor (fallback mode) against a
 * loopback Cohere-protocol server that injects faults: answers slower than the deadline,
 * dropped connections, 429 with {@code Retry-After}, 503, truncated JSON and HTML error
 * pages. Asserts the invariants: every call returns within the deadline plus a margin, no
 * exception escapes, every list is a subset of its input in a valid order (reranked, or
 * first-stage order when marked as fallback), nothing lost or duplicated, and the
 * observation metric counts each fallback. Prints the figures quoted in
 * {@code docs/reliability.md}.
 */
class FaultInjectionLoadTests {

	private static final int CALLS = 200;

	private static final int DOCUMENTS = 20;

	private static final int TOP_N = 5;

	private static final Duration DEADLINE = Duration.ofSeconds(2);

	private static final Duration MARGIN = Duration.ofSeconds(1);

	enum Fault {

		SLOW, DROP, RATE_LIMITED, UNAVAILABLE, TRUNCATED, HTML

	}

	@ParameterizedTest(name = "{0}% faults of each kind")
	@CsvSource({ "10, 0", "10, 1" })
	void invariantsHoldUnderInjectedFaults(int percent, int perKind) throws Exception {
		// perKind = 0: 'percent' of all requests fail, spread over the six kinds;
		// perKind = 1: each kind hits 'percent' of requests (six times as many faults).
		int faultSlots = (perKind == 1) ? percent * Fault.values().length : percent;
		Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
		for (Fault fault : Fault.values()) {
			injected.put(fault, new AtomicInteger());
		}
		AtomicInteger requestCounter = new AtomicInteger();
		AtomicInteger retries = new AtomicInteger();
		RetryListener retryCounter = new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				retries.incrementAndGet();
			}
		};
		try (LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE)) {
			server.shuffle(true);
			RemoteCallSettings settings = new RemoteCallSettings(DEADLINE, 3, Duration.ofMillis(50),
					Duration.ofMillis(500));
			RemoteRerankModel model = RemoteModels.create(server, "load-test-key", settings, 100, retryCounter);
			warmUp(model);
			int warmUpRequests = server.requests().size();
			retries.set(0);
			server.faults(request -> {
				int slot = Math.floorMod(mix(requestCounter.getAndIncrement()), 100);
				if (slot >= faultSlots) {
					return Reply.normal();
				}
				Fault fault = Fault.values()[slot % Fault.values().length];
				injected.get(fault).incrementAndGet();
				return switch (fault) {
					case SLOW -> Reply.slow(DEADLINE.plusSeconds(1));
					case DROP -> Reply.drop();
					case RATE_LIMITED -> Reply.status(429, Duration.ofSeconds(1));
					case UNAVAILABLE -> Reply.status(503);
					case TRUNCATED -> Reply.truncated();
					case HTML -> Reply.html(502);
				};
			});
			MeterRegistry meters = new SimpleMeterRegistry();
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			RerankingDocumentPostProcessor postProcessor = RerankingDocumentPostProcessor.builder()
				.rerankModel(model)
				.topN(TOP_N)
				.failureMode(FailureMode.FALLBACK)
				.observationRegistry(observations)
				.build();

			ExecutorService callers = Executors.newFixedThreadPool(CALLS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Outcome>> futures = new ArrayList<>();
			for (int call = 0; call < CALLS; call++) {
				int id = call;
				futures.add(callers.submit(() -> {
					start.await();
					return run(postProcessor, id);
				}));
			}
			long wallStart = System.nanoTime();
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> future : futures) {
				outcomes.add(future.get(30, TimeUnit.SECONDS));
			}
			Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
			callers.shutdownNow();

			List<Long> latencies = new ArrayList<>(outcomes.stream().map(Outcome::millis).toList());
			Collections.sort(latencies);
			long fallbacks = outcomes.stream().filter(Outcome::fallback).count();
			int faults = injected.values().stream().mapToInt(AtomicInteger::get).sum();
			System.out.printf(Locale.ROOT,
					"RELIABILITY %s: calls=%d requests=%d faults=%d %s retries=%d fallbacks=%d p50=%dms p99=%dms "
							+ "max=%dms wall=%dms%n",
					(perKind == 1 ? percent + "% of each kind" : percent + "% in total"), CALLS,
					server.requests().size() - warmUpRequests, faults, injected, retries.get(), fallbacks,
					latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
					latencies.get(latencies.size() - 1), wall.toMillis());

			assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.error()).isNull());
			assertThat(latencies.get(latencies.size() - 1)).as("slowest call")
				.isLessThanOrEqualTo(DEADLINE.plus(MARGIN).toMillis());
			assertThat(faults).as("faults were injected").isPositive();
			assertThat(fallbacks).as("some calls fell back").isPositive();
			// Sanity bound, loose enough for a busy machine: most calls are reranked.
			assertThat(fallbacks).as("calls reranked despite the faults")
				.isLessThan((perKind == 1) ? CALLS * 3 / 4 : CALLS / 2);
			assertThat(meters.get("reranker.post_processor").tag("reranker.outcome", "fallback").timer().count())
				.as("fallbacks are counted by the observation's timer")
				.isEqualTo(fallbacks);
			assertThat(meters.get("reranker.post_processor").tag("reranker.outcome", "success").timer().count())
				.isEqualTo(CALLS - fallbacks);
		}
	}

	/**
	 * Class loading, JIT and connections, without faults, before anything is measured: a
	 * few calls one by one, then bursts as large as the measured one. Failures here (a
	 * cold JVM on a busy machine can miss the deadline) do not count.
	 */
	private static void warmUp(RemoteRerankModel model) throws InterruptedException {
		for (int i = 0; i < 20; i++) {
			scoreIgnoringFailures(model);
		}
		ExecutorService warmUp = Executors.newFixedThreadPool(CALLS);
		for (int burst = 0; burst < 2; burst++) {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < CALLS; i++) {
				calls.add(warmUp.submit(() -> scoreIgnoringFailures(model)));
			}
			for (Future<?> call : calls) {
				try {
					call.get(30, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					// warm-up only
				}
			}
		}
		warmUp.shutdown();
	}

	private static void scoreIgnoringFailures(RemoteRerankModel model) {
		try {
			model.score("warm up", List.of("warm", "up", "warm up"));
		}
		catch (RemoteRerankException ex) {
			// warm-up only
		}
	}

	private static Outcome run(RerankingDocumentPostProcessor postProcessor, int id) {
		String query = "query " + id + " topic" + (id % 7) + " term" + (id % 3);
		List<Document> input = IntStream.range(0, DOCUMENTS)
			.mapToObj(i -> Document.builder()
				.id(id + "-" + i)
				.text("document " + i + " about topic" + (i % 7) + " and term" + (i % 3))
				.build())
			.toList();
		long start = System.nanoTime();
		List<Document> output;
		try {
			output = postProcessor.process(new Query(query), input);
		}
		catch (RuntimeException ex) {
			return new Outcome(Duration.ofNanos(System.nanoTime() - start).toMillis(), false, ex);
		}
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		boolean fallback = checkOutput(query, input, output);
		return new Outcome(millis, fallback, null);
	}

	/** Asserts the invariants of one call; returns whether it fell back. */
	private static boolean checkOutput(String query, List<Document> input, List<Document> output) {
		assertThat(output).hasSize(TOP_N);
		Set<String> ids = new HashSet<>();
		List<Integer> positions = new ArrayList<>();
		for (Document document : output) {
			assertThat(ids.add(document.getId())).as("no duplicates").isTrue();
			int position = input.stream().map(Document::getId).toList().indexOf(document.getId());
			assertThat(position).as("subset of the input").isNotNegative();
			assertThat(document.getText()).isEqualTo(input.get(position).getText());
			positions.add(position);
		}
		assertThat(input).allSatisfy(document -> assertThat(document.getMetadata()).isEmpty());
		boolean fallback = output.stream()
			.allMatch(document -> Boolean.TRUE
				.equals(document.getMetadata().get(RerankDocumentMetadata.RERANK_FALLBACK)));
		if (fallback) {
			assertThat(positions).as("fallback keeps first-stage order").containsExactly(0, 1, 2, 3, 4);
			return true;
		}
		assertThat(output)
			.noneMatch(document -> document.getMetadata().containsKey(RerankDocumentMetadata.RERANK_FALLBACK));
		List<Integer> expected = IntStream.range(0, input.size())
			.boxed()
			.sorted((a, b) -> Double.compare(LoopbackRerankServer.score(query, input.get(b).getText()),
					LoopbackRerankServer.score(query, input.get(a).getText())))
			.limit(TOP_N)
			.toList();
		assertThat(positions).as("reranked order: by score, ties in first-stage order").isEqualTo(expected);
		return false;
	}

	/** Spreads consecutive request numbers over the 100 slots (deterministic). */
	private static int mix(int value) {
		int h = value * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	record Outcome(long millis, boolean fallback, Throwable error) {
	}

}

package dev.reranker.http;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the requests of a call run: the client's own bounded pool, or the executor given
 * to the builder, against a loopback Cohere-protocol server.
 */
class RemoteRerankClientExecutorTests {

	private static final String QUERY = "spring reranker";

	private final LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE);

	private ExecutorService supplied;

	@AfterEach
	void stop() {
		this.server.close();
		if (this.supplied != null) {
			this.supplied.shutdownNow();
		}
	}

	private static List<String> texts(int count) {
		return IntStream.range(0, count).mapToObj(i -> "spring text " + i).toList();
	}

	@Test
	void defaultPoolBoundsTheRequestsInFlightAndQueuesTheRest() {
		RemoteRerankModel model = RemoteModels.create(this.server,
				builder -> builder.settings(RemoteModels.FAST).maxDocumentsPerRequest(1));
		this.server.faults(request -> Reply.slow(Duration.ofMillis(500)));
		int batches = DeadlineExecutor.DEFAULT_MAX_THREADS + 36;

		assertThat(model.score(QUERY, texts(batches))).hasSize(batches);

		assertThat(this.server.requests()).hasSize(batches);
		// The server counts a request until its reply is written, so a pool thread that
		// has its answer may send the next one a moment before: allow a few more than the
		// bound, far below the 100 an unbounded pool would send. On a busy machine fewer
		// threads may overlap.
		assertThat(this.server.maxInFlight()).as("requests in flight at once")
			.isGreaterThan(1)
			.isLessThanOrEqualTo(DeadlineExecutor.DEFAULT_MAX_THREADS + 4);
		model.close();
	}

	@Test
	void suppliedExecutorRunsEveryRequestAndIsLeftRunningOnClose() {
		this.supplied = Executors.newFixedThreadPool(2);
		AtomicInteger executed = new AtomicInteger();
		Set<String> threads = ConcurrentHashMap.newKeySet();
		Executor counting = task -> {
			executed.incrementAndGet();
			this.supplied.execute(() -> {
				threads.add(Thread.currentThread().getName());
				task.run();
			});
		};
		RemoteRerankModel model = RemoteModels.create(this.server,
				builder -> builder.settings(RemoteModels.FAST).maxDocumentsPerRequest(2).executor(counting));
		this.server.faults(request -> Reply.slow(Duration.ofMillis(100)));

		assertThat(model.score(QUERY, texts(10))).hasSize(10);

		assertThat(executed).as("one task per batch").hasValue(5);
		assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("pool-"));
		assertThat(this.server.maxInFlight()).as("bounded by the supplied pool").isLessThanOrEqualTo(2);
		model.close();
		assertThat(this.supplied.isShutdown()).as("a supplied executor stays the caller's").isFalse();
		assertThat(model.score(QUERY, texts(1))).hasSize(1);
	}

	@Test
	void closingTheModelShutsDownItsOwnPool() {
		RemoteRerankModel model = RemoteModels.create(this.server, builder -> builder.settings(RemoteModels.FAST));
		assertThat(model.score(QUERY, texts(2))).hasSize(2);

		model.close();

		assertThatThrownBy(() -> model.score(QUERY, texts(2))).isInstanceOf(RemoteRerankException.class)
			.hasMessageContaining("provider 'cohere'")
			.hasMessageContaining("the default executor (64 threads, 1024 queued requests) rejected them");
	}

	@Test
	void aSaturatedExecutorIsReportedWithWhatToChange() {
		ThreadPoolExecutor oneAtATime = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new SynchronousQueue<>());
		this.supplied = oneAtATime;
		RemoteRerankModel model = RemoteModels.create(this.server,
				builder -> builder.settings(RemoteModels.FAST).maxDocumentsPerRequest(1).executor(oneAtATime));
		this.server.faults(request -> Reply.slow(Duration.ofMillis(300)));

		assertThatThrownBy(() -> model.score(QUERY, texts(3))).isInstanceOf(RemoteRerankException.class)
			.hasMessageStartingWith(
					"Reranking with provider 'cohere' failed: could not send requests to " + this.server.baseUrl())
			.hasMessageContaining("rejected them")
			.hasMessageContaining("supply an executor sized for the load (RemoteRerankModel.Builder#executor)");
	}

	@Test
	void requestsQueuedBehindABusyExecutorStillEndAtTheDeadline() {
		// The calling thread only waits, so it gives up on time even when no thread of
		// the executor ever picks the requests up.
		this.supplied = Executors.newFixedThreadPool(1);
		this.supplied.execute(() -> sleep(Duration.ofSeconds(3)));
		RemoteCallSettings settings = RemoteModels.FAST.withDeadline(Duration.ofMillis(400));
		RemoteRerankModel model = RemoteModels.create(this.server,
				builder -> builder.settings(settings).executor(this.supplied));

		long start = System.nanoTime();
		assertThatThrownBy(() -> model.score(QUERY, texts(2))).isInstanceOf(RemoteRerankException.class)
			.hasMessageContaining("within the deadline of 400 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
		assertThat(this.server.requests()).as("the queued request was cancelled, never sent").isEmpty();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

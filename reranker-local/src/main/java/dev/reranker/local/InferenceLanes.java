package dev.reranker.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Parallel sessions of one graph, each driven by its own inference thread: a call's
 * batches are spread over the lanes, and concurrent calls queue for the same lanes, so
 * the model never runs more inference threads than it has lanes (× the intra-op threads
 * of a session), however many callers there are. With one single-threaded session per
 * core, no thread waits on another inside a run, which is what keeps a busy machine (a
 * web server's own threads) from collapsing the throughput.
 */
final class InferenceLanes implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final List<CrossEncoderRuntime> runtimes;

	private final BlockingQueue<CrossEncoderRuntime> idle;

	private final ExecutorService executor;

	private InferenceLanes(List<CrossEncoderRuntime> runtimes) {
		this.runtimes = List.copyOf(runtimes);
		this.idle = new ArrayBlockingQueue<>(runtimes.size(), false, runtimes);
		this.executor = Executors.newFixedThreadPool(runtimes.size(), threads());
	}

	/**
	 * Opens the lanes.
	 * @param count the number of sessions
	 * @param factory creates the session of lane {@code i}
	 * @return the lanes, owning the sessions
	 */
	static InferenceLanes open(int count, IntFunction<CrossEncoderRuntime> factory) {
		List<CrossEncoderRuntime> runtimes = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				runtimes.add(factory.apply(i));
			}
		}
		catch (RuntimeException ex) {
			runtimes.forEach(CrossEncoderRuntime::close);
			throw ex;
		}
		return new InferenceLanes(runtimes);
	}

	/** The first lane's session, for probing the graph and describing it. */
	CrossEncoderRuntime first() {
		return this.runtimes.get(0);
	}

	/** Every lane's session, for warming each up before the first request. */
	List<CrossEncoderRuntime> all() {
		return this.runtimes;
	}

	int size() {
		return this.runtimes.size();
	}

	/**
	 * Runs tasks on the lanes, in submission order as lanes free up, and waits for all.
	 * @param tasks the tasks, each given the session of the lane that runs it
	 * @return the results, in task order
	 * @throws RuntimeException the first task failure
	 */
	<R> List<R> runAll(List<Function<CrossEncoderRuntime, R>> tasks) {
		List<Future<R>> futures = new ArrayList<>(tasks.size());
		for (Function<CrossEncoderRuntime, R> task : tasks) {
			futures.add(this.executor.submit(() -> runOnIdleLane(task)));
		}
		List<R> results = new ArrayList<>(tasks.size());
		try {
			for (Future<R> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for inference", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(cause.getMessage(), cause);
		}
		finally {
			futures.forEach((future) -> future.cancel(false));
		}
	}

	private <R> R runOnIdleLane(Function<CrossEncoderRuntime, R> task) throws InterruptedException {
		// one executor thread per session, so a session is always idle when a thread asks
		CrossEncoderRuntime runtime = this.idle.take();
		try {
			return task.apply(runtime);
		}
		finally {
			this.idle.put(runtime);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		RuntimeException failure = null;
		for (CrossEncoderRuntime runtime : this.runtimes) {
			try {
				runtime.close();
			}
			catch (RuntimeException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static ThreadFactory threads() {
		int pool = POOLS.incrementAndGet();
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "reranker-inference-" + pool + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}

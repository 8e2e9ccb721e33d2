package dev.reranker.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Runs the requests of one rerank call on an {@link Executor} and waits for them no
 * longer than the call's deadline; when it passes, or one request fails, the others are
 * cancelled (their threads interrupted, which aborts the HTTP exchange on clients that
 * honour interrupts, such as the JDK client). The caller's context (the current
 * observation, MDC, …) travels to the executor's threads through Micrometer's context
 * propagation.
 * <p>
 * The calling thread only waits, so tasks never wait for other tasks on the executor: a
 * bounded executor cannot deadlock, it can only make requests queue, and time spent in
 * the queue counts against the deadline.
 * <p>
 * Without a caller-supplied executor, a bounded pool of daemon threads is created and
 * owned by this instance (and shut down by {@link #close()}); a supplied executor stays
 * the caller's to shut down.
 * <p>
 * Shared by the remote providers ({@link RemoteRerankClient}) and the LLM provider
 * ({@code dev.reranker.llm}), so that both bound a rerank call the same way.
 */
public final class DeadlineExecutor implements AutoCloseable {

	/** Threads of the default pool: requests in flight at the same time per client. */
	public static final int DEFAULT_MAX_THREADS = 64;

	/** Requests the default pool queues before it rejects more. */
	public static final int DEFAULT_QUEUE_CAPACITY = 1024;

	private static final ContextSnapshotFactory CONTEXT_SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private final Executor executor;

	private final @Nullable ExecutorService owned;

	private final String description;

	private DeadlineExecutor(Executor executor, @Nullable ExecutorService owned, String description) {
		this.executor = executor;
		this.owned = owned;
		this.description = description;
	}

	/**
	 * Runs on the given executor, which stays the caller's to shut down.
	 * @param executor the executor; it must run tasks on other threads for the deadline
	 * to be enforced
	 * @return the deadline executor
	 */
	public static DeadlineExecutor using(Executor executor) {
		Assert.notNull(executor, "executor must not be null");
		return new DeadlineExecutor(executor, null, "the executor " + executor);
	}

	/**
	 * Runs on a pool of its own: at most {@link #DEFAULT_MAX_THREADS} daemon threads
	 * named after the provider, idle ones ending after a minute, at most
	 * {@link #DEFAULT_QUEUE_CAPACITY} waiting requests.
	 * @param provider the provider, for the thread names
	 * @return the deadline executor, to be {@link #close() closed} by its owner
	 */
	public static DeadlineExecutor ownPool(String provider) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_MAX_THREADS, DEFAULT_MAX_THREADS, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(DEFAULT_QUEUE_CAPACITY), new DaemonThreads(provider));
		pool.allowCoreThreadTimeOut(true);
		return new DeadlineExecutor(pool, pool, "the default executor (" + DEFAULT_MAX_THREADS + " threads, "
				+ DEFAULT_QUEUE_CAPACITY + " queued requests)");
	}

	/**
	 * Runs the tasks at the same time and returns their results in task order.
	 * @param <T> the result type
	 * @param tasks the tasks
	 * @param deadlineNanos when to give up, in {@link System#nanoTime()} terms
	 * @return the results, {@code results.get(i)} from {@code tasks.get(i)}
	 * @throws TimeoutException when the deadline passed first
	 * @throws InterruptedException when the calling thread was interrupted
	 * @throws ExecutionException when a task failed with a checked exception
	 * @throws java.util.concurrent.RejectedExecutionException when the executor did not
	 * take a task
	 */
	public <T> List<T> invokeAll(List<Callable<T>> tasks, long deadlineNanos)
			throws TimeoutException, InterruptedException, ExecutionException {
		ContextSnapshot snapshot = CONTEXT_SNAPSHOTS.captureAll();
		BlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
		List<Future<T>> futures = new ArrayList<>(tasks.size());
		try {
			for (Callable<T> task : tasks) {
				FutureTask<T> future = new FutureTask<>(snapshot.wrap(task)) {
					@Override
					protected void done() {
						completed.add(this);
					}
				};
				futures.add(future);
				this.executor.execute(future);
			}
			for (int done = 0; done < tasks.size(); done++) {
				Future<T> future = completed.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (future == null) {
					throw new TimeoutException();
				}
				try {
					// Fail fast: the first failure cancels the rest.
					future.get();
				}
				catch (ExecutionException ex) {
					rethrowUnchecked(ex.getCause());
					throw ex;
				}
			}
			List<T> results = new ArrayList<>(tasks.size());
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			futures.forEach(future -> future.cancel(true));
		}
	}

	/**
	 * What the executor is, for error messages.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Whether the executor is this instance's own pool.
	 * @return {@code true} for the default pool
	 */
	public boolean ownsExecutor() {
		return this.owned != null;
	}

	/**
	 * Shuts down the default pool (requests in flight are interrupted); does nothing to a
	 * caller-supplied executor.
	 */
	@Override
	public void close() {
		if (this.owned != null) {
			this.owned.shutdownNow();
		}
	}

	private static void rethrowUnchecked(@Nullable Throwable cause) {
		if (cause instanceof RuntimeException runtimeException) {
			throw runtimeException;
		}
		if (cause instanceof Error error) {
			throw error;
		}
	}

	private static final class DaemonThreads implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		DaemonThreads(String provider) {
			this.prefix = "reranker-" + provider + "-";
		}

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, this.prefix + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}

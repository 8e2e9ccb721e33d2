package dev.reranker.llm;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.reranker.RerankException;
import dev.reranker.http.DeadlineExecutor;

/**
 * Runs the prompts of one rerank call on the {@link DeadlineExecutor} the remote
 * providers use, within the call's deadline, and turns what can go wrong into a
 * {@link RerankException} that says what happened and what to change.
 */
final class PromptScheduler implements AutoCloseable {

	private final DeadlineExecutor executor;

	private final long deadlineMillis;

	PromptScheduler(DeadlineExecutor executor, long deadlineMillis) {
		this.executor = executor;
		this.deadlineMillis = deadlineMillis;
	}

	/**
	 * Runs tasks at the same time and waits for all of them.
	 * @param <T> the result type
	 * @param tasks the tasks
	 * @param deadlineNanos the call's deadline
	 * @param progress how far the call got, for the message when the deadline passes
	 * @return the results in task order
	 */
	<T> List<T> run(List<Callable<T>> tasks, long deadlineNanos, Supplier<String> progress) {
		try {
			return this.executor.invokeAll(tasks, deadlineNanos);
		}
		catch (TimeoutException ex) {
			throw new RerankException(LlmRerankModel.PROVIDER,
					"no answer from the chat model within the deadline of " + this.deadlineMillis + " ms ("
							+ progress.get() + "); if the model is just slow, raise RemoteCallSettings#deadline "
							+ "(LlmRerankModel.Builder#settings), or send fewer candidates");
		}
		catch (RejectedExecutionException ex) {
			throw new RerankException(LlmRerankModel.PROVIDER,
					"could not send the prompts: " + this.executor.description()
							+ " rejected them; supply an executor sized for the load "
							+ "(LlmRerankModel.Builder#executor)",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RerankException(LlmRerankModel.PROVIDER, "interrupted while waiting for the chat model", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new RerankException(LlmRerankModel.PROVIDER, "a prompt failed: " + cause, cause);
		}
	}

	String description() {
		return this.executor.description();
	}

	@Override
	public void close() {
		this.executor.close();
	}

}

package dev.reranker.llm;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * What the prompts of one rerank call share: who asks, where the prompts run, the
 * templates, the query, the chat options and the deadline.
 *
 * @param judge sends one prompt and reads the answer
 * @param scheduler runs prompts within the deadline
 * @param prompts the prompt templates
 * @param query the query
 * @param chatOptions the chat options to send, or {@code null} for the model's defaults
 * @param deadlineNanos the call's deadline, in {@link System#nanoTime()} terms
 */
record PromptCall(ChatJudge judge, PromptScheduler scheduler, LlmPrompts prompts, String query,
		@Nullable ChatOptions chatOptions, long deadlineNanos) {

	/**
	 * Ranks one listwise window, waiting no longer than the deadline.
	 * @param passages the window's passages, in their current order
	 * @param progress how far the pass got, for the message when the deadline passes
	 * @return the window's new order
	 */
	Permutation rankWindow(List<String> passages, Supplier<String> progress) {
		Callable<Permutation> prompt = () -> this.judge.ask(LlmRerankMode.LISTWISE, passages.size(),
				this.prompts.listwise(this.query, passages), this.chatOptions, this.deadlineNanos,
				answer -> Permutation.parse(answer, passages.size()), Permutation::outcome);
		return this.scheduler.run(List.of(prompt), this.deadlineNanos, progress).get(0);
	}

	/**
	 * Grades one passage, on the calling thread (a worker of the scheduler).
	 * @param passage the passage
	 * @return the grade
	 */
	Grade grade(String passage) {
		return this.judge.ask(LlmRerankMode.POINTWISE, 1, this.prompts.pointwise(this.query, passage), this.chatOptions,
				this.deadlineNanos, Grade::parse, Grade::outcome);
	}

}

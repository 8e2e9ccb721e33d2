package dev.reranker.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pointwise scoring: one grading prompt per passage, at most {@code maxConcurrency} in
 * flight; score = grade / 10, 0 for an unparseable answer.
 */
final class PointwiseGrading {

	private PointwiseGrading() {
	}

	/**
	 * Grades the passages.
	 * @param call the call's prompts
	 * @param passages the passages
	 * @param maxConcurrency the most prompts in flight at a time
	 * @return {@code scores[i]} for passage {@code i}
	 */
	static double[] grade(PromptCall call, List<String> passages, int maxConcurrency) {
		int count = passages.size();
		double[] scores = new double[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger graded = new AtomicInteger();
		// A few workers that each take the next passage keep exactly maxConcurrency
		// prompts in flight without a thread per passage. Their writes to scores are
		// seen here once the scheduler has waited for them.
		Callable<Void> worker = () -> {
			for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
				scores[i] = call.grade(passages.get(i)).score();
				graded.incrementAndGet();
			}
			return null;
		};
		List<Callable<Void>> workers = new ArrayList<>();
		for (int w = 0; w < Math.min(maxConcurrency, count); w++) {
			workers.add(worker);
		}
		call.scheduler().run(workers, call.deadlineNanos(), () -> graded.get() + " of " + count + " candidates graded");
		return scores;
	}

}

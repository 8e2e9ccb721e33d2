package dev.reranker.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * One listwise pass over the candidates: the {@linkplain SlidingWindows windows} from the
 * bottom to the top, each reordering its part of the current order, one prompt at a time
 * (each window needs the order the one below left). The score of the document at final
 * rank {@code r} of {@code n} is {@code (n - r) / n}.
 */
final class ListwisePass {

	private ListwisePass() {
	}

	/**
	 * Ranks the passages.
	 * @param call the call's prompts
	 * @param passages the passages, in first-stage order
	 * @param windowSize the most passages in one prompt
	 * @param step how far each window moves up
	 * @return {@code scores[i]} for passage {@code i}
	 */
	static double[] rank(PromptCall call, List<String> passages, int windowSize, int step) {
		int count = passages.size();
		// order[rank] is the index of the document at that rank, first-stage order to
		// start with.
		int[] order = new int[count];
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		List<SlidingWindows.Window> windows = (count > 1) ? SlidingWindows.plan(count, windowSize, step) : List.of();
		for (int w = 0; w < windows.size(); w++) {
			SlidingWindows.Window window = windows.get(w);
			if (window.size() < 2) {
				// A window of one (step = window size) has nothing to order.
				continue;
			}
			List<Integer> ids = new ArrayList<>(window.size());
			List<String> texts = new ArrayList<>(window.size());
			for (int rank = window.start(); rank < window.end(); rank++) {
				ids.add(order[rank]);
				texts.add(passages.get(order[rank]));
			}
			int done = w;
			Permutation permutation = call.rankWindow(texts,
					() -> done + " of " + windows.size() + " listwise windows of " + count + " candidates ranked");
			for (int k = 0; k < permutation.order().size(); k++) {
				order[window.start() + k] = ids.get(permutation.order().get(k));
			}
		}
		double[] scores = new double[count];
		for (int rank = 0; rank < count; rank++) {
			scores[order[rank]] = (double) (count - rank) / count;
		}
		return scores;
	}

}

package dev.reranker.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Groups pairs into forward passes by padded tokens rather than by a fixed number of
 * pairs: pairs are sorted by length, longest first, and consecutive pairs share a batch
 * while {@code rows × longest} stays within the token budget (and the rows within the
 * pair limit). Short pairs thus travel in larger batches than long ones, each batch is
 * padded only to its own longest pair, and the longest batches come first, which balances
 * them best over parallel sessions.
 *
 * @param tokensPerBatch padded tokens a batch may hold; a pair longer than this runs
 * alone
 * @param maxPairs pairs a batch may hold
 */
record TokenBudgetBatches(int tokensPerBatch, int maxPairs) {

	TokenBudgetBatches {
		Assert.isTrue(tokensPerBatch >= 1, () -> LocalSetting.BATCH_TOKENS + " must be at least 1");
		Assert.isTrue(maxPairs >= 1, () -> LocalSetting.BATCH_SIZE + " must be at least 1");
	}

	/**
	 * Plans the batches for pairs of the given lengths.
	 * @param lengths the token count of each pair, in input order
	 * @return the batches, each the input indexes of its rows, longest pair first
	 */
	List<int[]> plan(int[] lengths) {
		Integer[] order = new Integer[lengths.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		// stable sort: equal lengths keep input order, so a plan is reproducible
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
		List<int[]> batches = new ArrayList<>();
		int start = 0;
		while (start < order.length) {
			// sorted descending: the first row is the batch's longest, so it sets the
			// padding
			int columns = Math.max(1, lengths[order[start]]);
			int rows = Math.max(1, Math.min(this.maxPairs, this.tokensPerBatch / columns));
			int end = Math.min(order.length, start + rows);
			int[] batch = new int[end - start];
			for (int i = start; i < end; i++) {
				batch[i - start] = order[i];
			}
			batches.add(batch);
			start = end;
		}
		return batches;
	}

}

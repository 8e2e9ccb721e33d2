package dev.reranker.context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order in which ranked documents go into the prompt.
 */
public enum ContextOrdering {

	/** Best first, as ranked. */
	SCORE,

	/**
	 * The best documents at both ends and the weakest in the middle, where LLMs read a
	 * long context worst: ranks r1 … rn go out as r1, r3, r5, …, r4, r2.
	 */
	LOST_IN_THE_MIDDLE;

	/**
	 * @param ranked the documents, best first; not changed
	 * @param <T> the element type
	 * @return a new list in this order
	 */
	public <T> List<T> arrange(List<T> ranked) {
		if (this == SCORE || ranked.size() < 3) {
			return new ArrayList<>(ranked);
		}
		List<T> arranged = new ArrayList<>(ranked.size());
		List<T> back = new ArrayList<>(ranked.size() / 2);
		for (int rank = 0; rank < ranked.size(); rank++) {
			((rank % 2 == 0) ? arranged : back).add(ranked.get(rank));
		}
		Collections.reverse(back);
		arranged.addAll(back);
		return arranged;
	}

}

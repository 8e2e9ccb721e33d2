package dev.reranker.autoconfigure.context;

/**
 * Values of {@code reranker.cutoff}.
 */
public enum CutoffMode {

	/** No cut beyond top-n and min-score. */
	NONE,

	/** Keep documents scoring at least reranker.cutoff.ratio times the best score. */
	RELATIVE,

	/** Cut at the largest drop between consecutive scores within the top-n. */
	GAP

}

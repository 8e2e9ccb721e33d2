package dev.reranker;

/**
 * Metadata keys that {@link RerankingDocumentPostProcessor} writes on the documents it
 * returns.
 */
public final class RerankDocumentMetadata {

	/**
	 * The rerank score, a {@code Double} in {@code [0, 1]}; absent on unscored documents.
	 */
	public static final String RERANK_SCORE = "rerank_score";

	/**
	 * The 1-based position of the document in the first-stage list, an {@code Integer}.
	 */
	public static final String RETRIEVAL_RANK = "retrieval_rank";

	/**
	 * The first-stage score ({@code Double}), present when the input document had one.
	 */
	public static final String RETRIEVAL_SCORE = "retrieval_score";

	/**
	 * {@code true} on documents returned in first-stage order because reranking failed.
	 */
	public static final String RERANK_FALLBACK = "rerank_fallback";

	/**
	 * With {@code reranker.long-documents.strategy=max-passage}: the number of windows
	 * the document was scored in (an {@code Integer}, 1 when it fit whole); present on
	 * every scored document.
	 */
	public static final String RERANK_WINDOWS = "rerank_windows";

	/**
	 * With max-passage: where the best-scoring window starts, an {@code Integer}
	 * character offset into the document's text (its {@code rerank_score} is that
	 * window's).
	 */
	public static final String RERANK_BEST_WINDOW_START = "rerank_best_window_start";

	/**
	 * With max-passage: where the best-scoring window ends, an {@code Integer} character
	 * offset into the document's text (exclusive): the window is
	 * {@code text.substring(start, end)}.
	 */
	public static final String RERANK_BEST_WINDOW_END = "rerank_best_window_end";

	private RerankDocumentMetadata() {
	}

}

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

	private RerankDocumentMetadata() {
	}

}

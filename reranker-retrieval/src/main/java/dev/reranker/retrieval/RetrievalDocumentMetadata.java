package dev.reranker.retrieval;

/**
 * Metadata keys that the retrievers and the fusion joiner in this package write on the
 * documents they return.
 */
public final class RetrievalDocumentMetadata {

	/**
	 * The Okapi BM25 score of a keyword match, a {@code Double} (unbounded, higher is
	 * better).
	 */
	public static final String KEYWORD_SCORE = "keyword_score";

	/**
	 * The 1-based position of the document in the keyword result list, an
	 * {@code Integer}.
	 */
	public static final String KEYWORD_RANK = "keyword_rank";

	/** The reciprocal-rank-fusion score, a {@code Double}. */
	public static final String FUSED_SCORE = "fused_score";

	/** The 1-based position of the document in the fused list, an {@code Integer}. */
	public static final String FUSED_RANK = "fused_rank";

	/**
	 * On every document of a hybrid retrieval in which some retrievers (arms) failed and
	 * the others' results were used: the names of the failed arms, a {@code List<String>}
	 * (such as {@code ["keyword"]}). Absent when every arm answered.
	 */
	public static final String FAILED_ARMS = "retrieval_failed_arms";

	private RetrievalDocumentMetadata() {
	}

}

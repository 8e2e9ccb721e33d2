package dev.reranker.retrieval.fusion;

/**
 * What a {@link FusionDocumentRetriever} does when one of its retrievers (arms) fails.
 */
public enum ArmFailureMode {

	/**
	 * Fuse the lists of the arms that answered, mark their documents with
	 * {@link dev.reranker.retrieval.RetrievalDocumentMetadata#FAILED_ARMS} and count the
	 * failure; fail only when every arm failed.
	 */
	CONTINUE,

	/** Fail the retrieval, naming the arm that failed. */
	FAIL

}

package dev.reranker.autoconfigure.context;

/**
 * Values of {@code reranker.long-documents.strategy}.
 */
public enum LongDocumentStrategy {

	/** Send documents whole; the model reads what fits and ignores the rest. */
	TRUNCATE,

	/**
	 * Split a document that does not fit into overlapping windows, score them all in the
	 * same call, and score the document by its best window.
	 */
	MAX_PASSAGE

}

package dev.reranker.retrieval.keyword;

/**
 * Keyword retrieval failed: the database could not be reached, the keyword index is
 * missing, or a query failed. The message names the table and what to change.
 */
public class KeywordRetrievalException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public KeywordRetrievalException(String message, Throwable cause) {
		super(message, cause);
	}

}

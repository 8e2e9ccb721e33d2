package dev.reranker.retrieval.keyword;

import org.jspecify.annotations.Nullable;

/**
 * Keyword retrieval failed: the database could not be reached, the table or the keyword
 * index is missing, PostgreSQL rejected the query, or a statement failed. The message
 * names the table and what to change; {@link #getReason()} tells integrations (such as a
 * Spring Boot failure analyzer) which case it was.
 */
public class KeywordRetrievalException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public KeywordRetrievalException(String message, Throwable cause) {
		this(Reason.STATEMENT_FAILED, message, cause);
	}

	public KeywordRetrievalException(Reason reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/** Which of the known failure cases this is. */
	public Reason getReason() {
		return this.reason;
	}

	/** The known failure cases. */
	public enum Reason {

		/** No connection to the database could be opened. */
		DATABASE_UNREACHABLE,

		/** The vector store table does not exist. */
		TABLE_MISSING,

		/** The keyword index (columns, statistics tables) has not been created. */
		INDEX_MISSING,

		/** The text search configuration does not exist in the database. */
		UNKNOWN_TEXT_SEARCH_CONFIG,

		/** The keyword index was built with another text search configuration. */
		TEXT_SEARCH_CONFIG_MISMATCH,

		/**
		 * PostgreSQL rejected the query itself (too large, an invalid value): a bad
		 * query, not a bad database.
		 */
		QUERY_REJECTED,

		/**
		 * The query was cancelled (SQLState 57014), normally by the keyword query's
		 * statement timeout: a lock on the table or an overloaded database.
		 */
		TIMED_OUT,

		/** Any other failure of a statement. */
		STATEMENT_FAILED

	}

}

package dev.reranker.retrieval.vector;

import org.jspecify.annotations.Nullable;

/**
 * A similarity search on a PgVectorStore table failed. The message names the table, the
 * database's reason and what to check, never the SQL statement (that is logged at DEBUG
 * by {@link TopKPgVectorStore}); the cause, when there is one, is the driver's
 * {@link java.sql.SQLException}.
 */
public class VectorRetrievalException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String sqlState;

	public VectorRetrievalException(String message, @Nullable String sqlState, @Nullable Throwable cause) {
		super(message, cause);
		this.sqlState = sqlState;
	}

	/** The SQLState PostgreSQL gave, if any. */
	public @Nullable String getSqlState() {
		return this.sqlState;
	}

}

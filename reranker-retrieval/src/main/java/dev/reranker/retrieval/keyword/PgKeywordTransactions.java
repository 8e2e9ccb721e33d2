package dev.reranker.retrieval.keyword;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.reranker.retrieval.jdbc.TransactionLocalSettings;
import dev.reranker.retrieval.keyword.KeywordRetrievalException.Reason;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Runs the keyword retriever's statements in a transaction of their own scope and
 * translates failures into {@link KeywordRetrievalException}s that say what to change.
 * <p>
 * Without a Spring-managed transaction on the {@link JdbcTemplate}'s DataSource the work
 * gets a new transaction. Inside one (for example a caller's {@code @Transactional}
 * method) it runs in a nested transaction, a savepoint on the caller's connection: a
 * failure rolls back only the retriever's statements (undoing its {@code SET LOCAL}
 * settings too) and leaves the caller's transaction usable.
 */
final class PgKeywordTransactions {

	private final TransactionTemplate transactionTemplate;

	private final String table;

	private final Duration queryTimeout;

	PgKeywordTransactions(JdbcTemplate jdbcTemplate, String table, Duration queryTimeout) {
		this.queryTimeout = queryTimeout;
		this.transactionTemplate = TransactionLocalSettings.nestedTransactionTemplate(jdbcTemplate,
				"PgKeywordDocumentRetriever#builder");
		this.table = table;
	}

	/**
	 * Runs the work in its transaction scope.
	 * @param action what the work does, for messages, e.g. "run a keyword query"
	 * @param work the statements
	 * @return the work's result
	 * @throws KeywordRetrievalException when it fails
	 */
	<T> T run(String action, TransactionCallback<T> work) {
		T result = execute(action, work);
		Assert.state(result != null, () -> failed(action) + ": the work returned no result");
		return result;
	}

	/**
	 * Runs work without a result in its transaction scope.
	 * @param action what the work does, for messages, e.g. "refresh the BM25 statistics"
	 * @param work the statements
	 * @throws KeywordRetrievalException when it fails
	 */
	void runWithoutResult(String action, Consumer<TransactionStatus> work) {
		execute(action, (status) -> {
			work.accept(status);
			return Boolean.TRUE;
		});
	}

	private <T> @Nullable T execute(String action, TransactionCallback<T> work) {
		try {
			return this.transactionTemplate.execute(work);
		}
		catch (KeywordRetrievalException ex) {
			throw ex;
		}
		catch (DataAccessException | TransactionException ex) {
			throw translate(action, ex);
		}
		catch (IllegalStateException ex) {
			throw new KeywordRetrievalException("Could not " + action + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Says what went wrong by the SQLState PostgreSQL gave, not by Spring's exception
	 * class: Spring files "program limit exceeded" (54xxx, such as a query text too long
	 * for a tsvector) under resource failures, next to lost connections.
	 */
	private KeywordRetrievalException translate(String action, RuntimeException ex) {
		String state = sqlState(ex);
		String cause = cause(ex);
		if (isConnectionFailure(ex, state)) {
			return new KeywordRetrievalException(Reason.DATABASE_UNREACHABLE,
					failed(action) + ": the database is unreachable (" + cause
							+ "). Check the DataSource URL, credentials and that PostgreSQL is running.",
					ex);
		}
		if ("42P01".equals(state) || "42703".equals(state)) {
			return new KeywordRetrievalException(Reason.INDEX_MISSING,
					failed(action) + ": the keyword index is missing (" + cause + "). Turn on schema initialization "
							+ "(PgKeywordDocumentRetriever.Builder#initializeSchema(true)) or apply "
							+ "PgKeywordDocumentRetriever#schemaDdl() with your migration tool.",
					ex);
		}
		if (state != null && state.startsWith("54")) {
			return new KeywordRetrievalException(Reason.QUERY_REJECTED,
					failed(action) + ": PostgreSQL rejected the query as too large (SQLState " + state + ": " + cause
							+ "). Lower PgKeywordDocumentRetriever.Builder#maxQueryBytes or #maxQueryWords"
							+ " (reranker.advisor.keyword.max-query-size, max-query-words).",
					ex);
		}
		if (state != null && state.startsWith("22")) {
			return new KeywordRetrievalException(Reason.QUERY_REJECTED, failed(action)
					+ ": PostgreSQL rejected a value of the query (SQLState " + state + ": " + cause + ").", ex);
		}
		if (state != null && state.startsWith("53")) {
			return new KeywordRetrievalException(Reason.STATEMENT_FAILED,
					failed(action) + ": the database ran out of resources (SQLState " + state + ": " + cause + ").",
					ex);
		}
		if ("57014".equals(state)) {
			return new KeywordRetrievalException(Reason.TIMED_OUT,
					failed(action) + ": the query was cancelled after the keyword query timeout of "
							+ this.queryTimeout.toMillis() + " ms (SQLState 57014: " + cause
							+ "), for example waiting on a lock on the table or an overloaded"
							+ " database. Raise PgKeywordDocumentRetriever.Builder#queryTimeout"
							+ " (reranker.advisor.keyword.query-timeout) if such queries are expected to take longer.",
					ex);
		}
		return new KeywordRetrievalException(
				failed(action) + ": " + cause + ((state != null) ? " (SQLState " + state + ")" : ""), ex);
	}

	private static boolean isConnectionFailure(RuntimeException ex, @Nullable String state) {
		if (ex instanceof CannotCreateTransactionException || ex instanceof CannotGetJdbcConnectionException) {
			return true;
		}
		if (state != null) {
			// 08: connection exception; 57P01-57P03: the server is shutting down or
			// starting.
			return state.startsWith("08") || state.startsWith("57P");
		}
		return ex instanceof DataAccessResourceFailureException;
	}

	private static @Nullable String sqlState(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof SQLException sqlException && sqlException.getSQLState() != null) {
				return sqlException.getSQLState();
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private String failed(String action) {
		return "Could not " + action + " on " + this.table;
	}

	private static String cause(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}

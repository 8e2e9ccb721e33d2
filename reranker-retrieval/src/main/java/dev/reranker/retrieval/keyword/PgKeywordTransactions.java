package dev.reranker.retrieval.keyword;

import java.sql.SQLException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.reranker.retrieval.jdbc.TransactionLocalSettings;
import dev.reranker.retrieval.keyword.KeywordRetrievalException.Reason;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
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

	PgKeywordTransactions(JdbcTemplate jdbcTemplate, String table) {
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
		catch (CannotCreateTransactionException | DataAccessResourceFailureException ex) {
			throw new KeywordRetrievalException(Reason.DATABASE_UNREACHABLE,
					failed(action) + ": the database is unreachable (" + cause(ex)
							+ "). Check the DataSource URL, credentials and that PostgreSQL is running.",
					ex);
		}
		catch (BadSqlGrammarException ex) {
			SQLException sqlException = ex.getSQLException();
			String state = (sqlException != null) ? sqlException.getSQLState() : null;
			if ("42P01".equals(state) || "42703".equals(state)) {
				throw new KeywordRetrievalException(Reason.INDEX_MISSING,
						failed(action) + ": the keyword index is missing (" + cause(ex)
								+ "). Turn on schema initialization "
								+ "(PgKeywordDocumentRetriever.Builder#initializeSchema(true)) or apply "
								+ "PgKeywordDocumentRetriever#schemaDdl() with your migration tool.",
						ex);
			}
			throw new KeywordRetrievalException(failed(action) + ": " + cause(ex), ex);
		}
		catch (DataAccessException | TransactionException ex) {
			throw new KeywordRetrievalException(failed(action) + ": " + cause(ex), ex);
		}
		catch (IllegalStateException ex) {
			throw new KeywordRetrievalException("Could not " + action + ": " + ex.getMessage(), ex);
		}
	}

	private String failed(String action) {
		return "Could not " + action + " on " + this.table;
	}

	private static String cause(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}

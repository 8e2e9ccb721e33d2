package dev.reranker.retrieval.keyword;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.retrieval.VectorStoreTables;
import dev.reranker.testfixtures.postgres.PostgresExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The keyword query's own statement timeout: a query blocked by a lock on the table gives
 * up with a message naming the timeout and the setting to raise, and the setting never
 * reaches a caller's transaction.
 */
class PgKeywordQueryTimeoutTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "timeout_docs";

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private JdbcTemplate jdbc;

	private Connection lockHolder;

	private PgKeywordDocumentRetriever retriever;

	@BeforeEach
	void createTable() {
		this.jdbc = postgres.jdbcTemplate();
		VectorStoreTables.create(this.jdbc, postgres.schema(), TABLE);
		this.retriever = PgKeywordDocumentRetriever.builder(this.jdbc)
			.schemaName(postgres.schema())
			.tableName(TABLE)
			.initializeSchema(true)
			.queryTimeout(TIMEOUT)
			.build();
		this.retriever.afterPropertiesSet();
		VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, "turbine blade fatigue report", "{}");
	}

	@AfterEach
	void releaseLock() throws SQLException {
		if (this.lockHolder != null) {
			this.lockHolder.rollback();
			this.lockHolder.close();
		}
	}

	/** Locks the table from a second connection, in a transaction left open. */
	private void lockTable() throws SQLException {
		this.lockHolder = postgres.dataSource().getConnection();
		this.lockHolder.setAutoCommit(false);
		try (Statement statement = this.lockHolder.createStatement()) {
			statement.execute("LOCK TABLE " + postgres.schema() + "." + TABLE + " IN ACCESS EXCLUSIVE MODE");
		}
	}

	@Test
	void aQueryBlockedByALockGivesUpAfterTheTimeoutNamingTheSettingToRaise() throws SQLException {
		lockTable();
		long started = System.nanoTime();

		assertThatExceptionOfType(KeywordRetrievalException.class)
			.isThrownBy(() -> this.retriever.retrieve(new Query("fatigue")))
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(KeywordRetrievalException.Reason.TIMED_OUT))
			.withMessageContaining("SQLState 57014")
			.withMessageContaining("keyword query timeout of 300 ms")
			.withMessageContaining("PgKeywordDocumentRetriever.Builder#queryTimeout")
			.withMessageContaining("reranker.advisor.keyword.query-timeout");
		// Without the timeout it would wait for the lock for as long as it is held.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aTimedOutQueryInsideTheCallersTransactionLeavesTheCallersStatementTimeout() throws SQLException {
		lockTable();
		TransactionTemplate caller = new TransactionTemplate(new DataSourceTransactionManager(postgres.dataSource()));

		String callerTimeout = caller.execute(status -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '45s'");
			assertThatExceptionOfType(KeywordRetrievalException.class)
				.isThrownBy(() -> this.retriever.retrieve(new Query("fatigue")))
				.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(KeywordRetrievalException.Reason.TIMED_OUT));
			return this.jdbc.queryForObject("SHOW statement_timeout", String.class);
		});

		assertThat(callerTimeout).isEqualTo("45s");
	}

	@Test
	void aSuccessfulQueryInsideTheCallersTransactionLeavesTheCallersStatementTimeout() {
		TransactionTemplate caller = new TransactionTemplate(new DataSourceTransactionManager(postgres.dataSource()));

		String callerTimeout = caller.execute(status -> {
			this.jdbc.execute("SET LOCAL statement_timeout = '45s'");
			List<Document> found = this.retriever.retrieve(new Query("fatigue"));
			assertThat(found).hasSize(1);
			return this.jdbc.queryForObject("SHOW statement_timeout", String.class);
		});

		assertThat(callerTimeout).isEqualTo("45s");
	}

	@Test
	void theTimeoutDoesNotOutliveTheRetrieversOwnTransaction() {
		String before = this.jdbc.queryForObject("SHOW statement_timeout", String.class);

		assertThat(this.retriever.retrieve(new Query("fatigue"))).hasSize(1);

		assertThat(this.jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo(before);
	}

	@Test
	void aTimeoutBelowOneMillisecondIsRejected() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> PgKeywordDocumentRetriever.builder(this.jdbc).queryTimeout(Duration.ZERO).build())
			.withMessageContaining("PgKeywordDocumentRetriever.Builder#queryTimeout");
	}

}

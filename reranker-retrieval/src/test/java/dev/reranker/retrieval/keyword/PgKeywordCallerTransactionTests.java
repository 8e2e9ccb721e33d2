package dev.reranker.retrieval.keyword;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.retrieval.VectorStoreTables;
import dev.reranker.testfixtures.postgres.PostgresExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The keyword retriever inside and outside a caller's Spring-managed transaction on the
 * same DataSource: it sees the caller's rows, and neither its planner settings nor its
 * failures change what the caller's later statements see.
 */
class PgKeywordCallerTransactionTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "caller_docs";

	private JdbcTemplate jdbc;

	private TransactionTemplate callerTransaction;

	@BeforeEach
	void createTable() {
		this.jdbc = postgres.jdbcTemplate();
		this.callerTransaction = new TransactionTemplate(new DataSourceTransactionManager(postgres.dataSource()));
		VectorStoreTables.create(this.jdbc, postgres.schema(), TABLE);
		this.jdbc.execute("DROP TABLE IF EXISTS " + postgres.schema() + "." + TABLE + "_bm25_terms");
		this.jdbc.execute("DROP TABLE IF EXISTS " + postgres.schema() + "." + TABLE + "_bm25_stats");
	}

	private PgKeywordDocumentRetriever.Builder retriever(JdbcTemplate jdbcTemplate) {
		return PgKeywordDocumentRetriever.builder(jdbcTemplate).schemaName(postgres.schema()).tableName(TABLE);
	}

	private String insert(String content) {
		return VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, content, "{}");
	}

	private String jit() {
		return this.jdbc.queryForObject("SHOW jit", String.class);
	}

	@Test
	void aSearchInsideTheCallersTransactionLeavesTheCallersJitSetting() {
		PgKeywordDocumentRetriever retriever = retriever(this.jdbc).initializeSchema(true).build();
		retriever.afterPropertiesSet();

		String callerJit = this.callerTransaction.execute(status -> {
			this.jdbc.execute("SET LOCAL jit = on");
			String uncommitted = insert("turbine blade fatigue report");

			List<Document> found = retriever.retrieve(new Query("fatigue"));

			// The search ran on the caller's connection: it found the uncommitted row.
			assertThat(found).extracting(Document::getId).containsExactly(uncommitted);
			return jit();
		});

		assertThat(callerJit).isEqualTo("on");
	}

	@Test
	void aSearchInsideTheCallersOwnSavepointLeavesTheCallersJitSetting() {
		PgKeywordDocumentRetriever retriever = retriever(this.jdbc).initializeSchema(true).build();
		retriever.afterPropertiesSet();
		insert("sensor calibration drift");

		String jit = this.callerTransaction.execute(status -> {
			this.jdbc.execute("SET LOCAL jit = on");
			this.jdbc.execute("SAVEPOINT caller");
			assertThat(retriever.retrieve(new Query("drift"))).hasSize(1);
			this.jdbc.execute("RELEASE SAVEPOINT caller");
			return jit();
		});

		assertThat(jit).isEqualTo("on");
	}

	@Test
	void aFailedSearchLeavesTheCallersTransactionUsable() {
		// No keyword index: the query fails inside the caller's transaction.
		PgKeywordDocumentRetriever retriever = retriever(this.jdbc).build();

		this.callerTransaction.executeWithoutResult(status -> {
			this.jdbc.execute("SET LOCAL jit = on");
			insert("written by the caller");
			assertThatExceptionOfType(KeywordRetrievalException.class)
				.isThrownBy(() -> retriever.retrieve(new Query("caller")))
				.withMessageContaining("keyword index is missing")
				.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(KeywordRetrievalException.Reason.INDEX_MISSING));
			assertThat(jit()).isEqualTo("on");
			insert("written after the failure");
		});

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM " + postgres.schema() + "." + TABLE, Long.class))
			.isEqualTo(2L);
	}

	@Test
	void aSearchOutsideTransactionsLeavesTheConnectionAsItWas() throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(postgres.url(), postgres.user(),
				postgres.password(), true);
		try {
			JdbcTemplate single = new JdbcTemplate(dataSource);
			PgKeywordDocumentRetriever retriever = retriever(single).initializeSchema(true).build();
			retriever.afterPropertiesSet();
			insert("pressure valve inspection");
			single.execute("SET jit = on");

			assertThat(retriever.retrieve(new Query("valve"))).hasSize(1);

			assertThat(single.queryForObject("SHOW jit", String.class)).isEqualTo("on");
			assertThat(dataSource.getConnection().getAutoCommit()).isTrue();
		}
		finally {
			dataSource.destroy();
		}
	}

}

package dev.reranker.retrieval.vector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;

import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A vector search on a table that is gone: the failure names the table, the database's
 * reason and what to check, without the SQL statement of Spring's exception.
 */
class TopKPgVectorStoreFailureTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Test
	void aDroppedTableGivesAMessageWithoutSqlText() {
		JdbcTemplate jdbc = postgres.jdbcTemplate();
		PgVectorStore store = RandomVectorTable.hnsw(jdbc, postgres.schema(), "dropped_docs", 10);
		TopKPgVectorStore view = TopKPgVectorStore.builder(store)
			.schemaName(postgres.schema())
			.tableName("dropped_docs")
			.build();
		jdbc.execute("DROP TABLE " + postgres.schema() + ".dropped_docs");

		assertThatExceptionOfType(VectorRetrievalException.class)
			.isThrownBy(() -> view.similaritySearch(SearchRequest.builder().query("turbine").topK(5).build()))
			.satisfies(ex -> {
				assertThat(ex.getSqlState()).isEqualTo("42P01");
				assertThat(ex.getMessage()).contains(postgres.schema() + ".dropped_docs")
					.contains("does not exist")
					.contains("spring.ai.vectorstore.pgvector.")
					.doesNotContainIgnoringCase("SELECT")
					.doesNotContain("bad SQL grammar")
					.doesNotContain("<=>");
				// Nothing down the cause chain repeats the statement either.
				for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContainIgnoringCase("SELECT");
				}
			});
	}

}

package dev.reranker.retrieval.keyword;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.ai.rag.Query;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PgKeywordUnreachableDatabaseTests {

	@Test
	void anUnreachableDatabaseGivesAClearError() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		// Port 1 on loopback: nothing listens there, the connection is refused at once.
		dataSource.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
		dataSource.setConnectTimeout(2);
		PgKeywordDocumentRetriever retriever = PgKeywordDocumentRetriever.builder(new JdbcTemplate(dataSource))
			.tableName("documents")
			.build();

		assertThatExceptionOfType(KeywordRetrievalException.class)
			.isThrownBy(() -> retriever.retrieve(new Query("anything")))
			.withMessageContaining("public.documents")
			.withMessageContaining("the database is unreachable")
			.withMessageContaining("Check the DataSource URL");
	}

}

package dev.reranker.retrieval.keyword;

import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.retrieval.VectorStoreTables;
import dev.reranker.testfixtures.postgres.PostgresExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A query of about 1 MB of distinct words: PostgreSQL rejects its tsvector ("string is
 * too long for tsvector"), so the retriever searches a bounded leading part of it, and
 * says what was wrong, not "database unreachable", when the bounds let it through.
 */
class PgKeywordHugeQueryTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "huge_docs";

	private static final String HUGE = hugeQuery();

	private JdbcTemplate jdbc;

	@BeforeEach
	void createTable() {
		this.jdbc = postgres.jdbcTemplate();
		VectorStoreTables.create(this.jdbc, postgres.schema(), TABLE);
		this.jdbc.execute("DROP TABLE IF EXISTS " + postgres.schema() + "." + TABLE + "_bm25_terms");
		this.jdbc.execute("DROP TABLE IF EXISTS " + postgres.schema() + "." + TABLE + "_bm25_stats");
	}

	/** "turbine" first, then distinct random words up to 1 MB, "gearbox" last. */
	private static String hugeQuery() {
		Random random = new Random(11);
		StringBuilder query = new StringBuilder("turbine");
		while (query.length() < 1_000_000) {
			query.append(' ');
			int length = 5 + random.nextInt(6);
			for (int i = 0; i < length; i++) {
				query.append((char) ('a' + random.nextInt(26)));
			}
		}
		return query.append(" gearbox").toString();
	}

	private PgKeywordDocumentRetriever initialized(PgKeywordDocumentRetriever.Builder builder) {
		PgKeywordDocumentRetriever retriever = builder.initializeSchema(true).build();
		retriever.afterPropertiesSet();
		return retriever;
	}

	private PgKeywordDocumentRetriever.Builder retriever() {
		return PgKeywordDocumentRetriever.builder(this.jdbc).schemaName(postgres.schema()).tableName(TABLE);
	}

	@Test
	void aOneMegabyteQuerySearchesItsBoundedLeadingPart() {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		String turbine = VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, "turbine blade inspection",
				"{}");
		VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, "gearbox oil change", "{}");

		assertThat(HUGE.length()).isGreaterThan(1_000_000);
		// Only the first 1024 words (16 KiB at most) are searched: the last word is not.
		assertThat(retriever.retrieve(new Query(HUGE))).extracting(Document::getId).containsExactly(turbine);
	}

	@Test
	void boundsCanBeRaisedAndARejectedQuerySaysWhatWasWrong() {
		PgKeywordDocumentRetriever retriever = initialized(
				retriever().maxQueryWords(Integer.MAX_VALUE).maxQueryBytes(4 * 1024 * 1024));
		VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, "turbine blade inspection", "{}");

		assertThatExceptionOfType(KeywordRetrievalException.class).isThrownBy(() -> retriever.retrieve(new Query(HUGE)))
			.satisfies(ex -> assertThat(ex.getReason()).isEqualTo(KeywordRetrievalException.Reason.QUERY_REJECTED))
			.withMessageContaining("rejected the query as too large")
			.withMessageContaining("SQLState 54000")
			.withMessageContaining("string is too long for tsvector")
			.withMessageContaining("maxQueryBytes")
			.withMessageNotContaining("unreachable");
	}

	@Test
	void smallerBoundsKeepFewerWords() {
		PgKeywordDocumentRetriever retriever = initialized(retriever().maxQueryWords(2));
		String blade = VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, "blade", "{}");
		VectorStoreTables.insert(this.jdbc, postgres.schema(), TABLE, "gearbox", "{}");

		assertThat(retriever.retrieve(new Query("turbine blade gearbox"))).extracting(Document::getId)
			.containsExactly(blade);
	}

}

package dev.reranker.retrieval.keyword;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.retrieval.RetrievalDocumentMetadata;
import dev.reranker.retrieval.VectorStoreTables;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class PgKeywordDocumentRetrieverTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "docs";

	private JdbcTemplate jdbc;

	private String schema;

	@BeforeEach
	void createTable() {
		this.jdbc = postgres.jdbcTemplate();
		this.schema = postgres.schema();
		VectorStoreTables.create(this.jdbc, this.schema, TABLE);
		this.jdbc.execute("DROP TABLE IF EXISTS " + this.schema + "." + TABLE + "_bm25_terms");
		this.jdbc.execute("DROP TABLE IF EXISTS " + this.schema + "." + TABLE + "_bm25_stats");
	}

	private PgKeywordDocumentRetriever.Builder retriever() {
		return PgKeywordDocumentRetriever.builder(this.jdbc).schemaName(this.schema).tableName(TABLE);
	}

	private PgKeywordDocumentRetriever initialized(PgKeywordDocumentRetriever.Builder builder) {
		PgKeywordDocumentRetriever retriever = builder.initializeSchema(true).build();
		retriever.afterPropertiesSet();
		return retriever;
	}

	private String insert(String content, String metadata) {
		return VectorStoreTables.insert(this.jdbc, this.schema, TABLE, content, metadata);
	}

	/** Okapi BM25 of one term in one document, as documented on the retriever. */
	private static double bm25(double tf, double df, double dl, double n, double avgdl, double k1, double b) {
		double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
		return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl));
	}

	@Test
	void scoresMatchAHandComputedBm25Case() {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		// Lexeme counts with the english configuration (document length = lexeme
		// occurrences):
		// d1: apple x2, banana -> 3; d2: banana, cherry -> 2; d3: cherry, durian,
		// elderberry, fig -> 4.
		String d1 = insert("Apple banana apple", "{}");
		String d2 = insert("banana cherry", "{}");
		String d3 = insert("cherry durian elderberry fig", "{}");
		double n = 3;
		double avgdl = 9.0 / 3;

		List<Document> result = retriever.retrieve(new Query("apples and cherries"));

		assertThat(result).extracting(Document::getId).containsExactly(d1, d2, d3);
		double expected1 = bm25(2, 1, 3, n, avgdl, 1.2, 0.75);
		double expected2 = bm25(1, 2, 2, n, avgdl, 1.2, 0.75);
		double expected3 = bm25(1, 2, 4, n, avgdl, 1.2, 0.75);
		assertThat(result.get(0).getScore()).isCloseTo(expected1, within(1e-9));
		assertThat(result.get(1).getScore()).isCloseTo(expected2, within(1e-9));
		assertThat(result.get(2).getScore()).isCloseTo(expected3, within(1e-9));
		assertThat(result.get(0).getMetadata()).containsEntry(RetrievalDocumentMetadata.KEYWORD_RANK, 1)
			.containsEntry(RetrievalDocumentMetadata.KEYWORD_SCORE, result.get(0).getScore());
		assertThat(result.get(2).getMetadata()).containsEntry(RetrievalDocumentMetadata.KEYWORD_RANK, 3);
	}

	@Test
	void k1AndBAreConfigurableAndQueryTermFrequencyCounts() {
		PgKeywordDocumentRetriever retriever = initialized(retriever().k1(0.9).b(0.4));
		String d1 = insert("Apple banana apple", "{}");
		insert("banana cherry", "{}");
		insert("cherry durian elderberry fig", "{}");

		// "apple" twice in the query: its weight doubles.
		List<Document> result = retriever.retrieve(new Query("apple? yes, apple"));

		assertThat(result).extracting(Document::getId).containsExactly(d1);
		assertThat(result.get(0).getScore()).isCloseTo(2 * bm25(2, 1, 3, 3, 3, 0.9, 0.4), within(1e-9));
	}

	@Test
	void anyQueryTermMatchesSoNaturalLanguageQuestionsFindDocuments() {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		String match = insert("The XR-7 turbine blade failed its fatigue test.", "{}");
		insert("Quarterly revenue grew in every region.", "{}");

		List<Document> result = retriever.retrieve(
				new Query("Could you please tell me which component failed during the fatigue testing last year?"));

		assertThat(result).extracting(Document::getId).containsExactly(match);
		assertThat(result.get(0).getText()).isEqualTo("The XR-7 turbine blade failed its fatigue test.");
	}

	@Test
	void returnsStoredMetadataWithTheScores() {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		insert("pgvector stores embeddings", "{\"source\":\"manual.pdf\",\"page\":7}");

		Document document = retriever.retrieve(new Query("embeddings")).get(0);

		assertThat(document.getMetadata()).containsEntry("source", "manual.pdf")
			.containsEntry("page", 7)
			.containsKey(RetrievalDocumentMetadata.KEYWORD_SCORE);
	}

	@Test
	void topKLimitsTheResults() {
		PgKeywordDocumentRetriever retriever = initialized(retriever().topK(2));
		for (int i = 0; i < 5; i++) {
			insert("sensor reading " + i, "{}");
		}
		assertThat(retriever.retrieve(new Query("sensor"))).hasSize(2);
	}

	@Test
	void filterExpressionsFromTheBuilderAndTheQueryContextApply() {
		String en2024 = insert("solar panel efficiency report", "{\"lang\":\"en\",\"year\":2024}");
		String en2019 = insert("solar panel efficiency study", "{\"lang\":\"en\",\"year\":2019}");
		String de2024 = insert("solar panel efficiency Bericht", "{\"lang\":\"de\",\"year\":2024}");
		FilterExpressionBuilder f = new FilterExpressionBuilder();
		PgKeywordDocumentRetriever filtered = initialized(retriever().filterExpression(f.eq("lang", "en").build()));

		assertThat(filtered.retrieve(new Query("solar efficiency"))).extracting(Document::getId)
			.containsExactlyInAnyOrder(en2024, en2019);

		Query withContextFilter = Query.builder()
			.text("solar efficiency")
			.context(Map.of(VectorStoreDocumentRetriever.FILTER_EXPRESSION, "year >= 2020 && lang in ['en', 'de']"))
			.build();
		assertThat(filtered.retrieve(withContextFilter)).extracting(Document::getId)
			.containsExactlyInAnyOrder(en2024, de2024);

		Query quoted = Query.builder()
			.text("solar")
			.context(Map.of(VectorStoreDocumentRetriever.FILTER_EXPRESSION, f.eq("lang", "it's' OR true --").build()))
			.build();
		assertThat(filtered.retrieve(quoted)).isEmpty();
	}

	@Test
	void statisticsFollowInsertsUpdatesDeletesAndTruncate() {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		String a = insert("alpha beta beta", "{}");
		insert("beta gamma", "{}");
		this.jdbc.update("INSERT INTO " + this.schema + "." + TABLE
				+ " (id, content, metadata) VALUES (?::uuid, 'alpha delta', '{}') ON CONFLICT (id) DO UPDATE"
				+ " SET content = EXCLUDED.content", a);
		this.jdbc.update("DELETE FROM " + this.schema + "." + TABLE + " WHERE content = 'beta gamma'");
		insert("epsilon", "{}");
		assertStatisticsEqualARecount(retriever);
		assertThat(stats()).containsExactly(2L, 3L);

		this.jdbc.execute("TRUNCATE " + this.schema + "." + TABLE);
		assertThat(stats()).containsExactly(0L, 0L);
		assertThat(retriever.retrieve(new Query("alpha"))).isEmpty();
		insert("alpha", "{}");
		assertStatisticsEqualARecount(retriever);
	}

	@Test
	void concurrentWritersKeepTheStatisticsExact() throws Exception {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < 3; w++) {
				int writer = w;
				writers.add(pool.submit(() -> {
					for (int i = 0; i < 20; i++) {
						// Overlapping vocabularies in different orders: the statistics
						// rows are
						// contended by every writer.
						insert("zeta eta theta iota " + (writer == 0 ? "kappa lambda" : "lambda kappa") + " row" + i,
								"{}");
					}
					return null;
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(stats().get(0)).isEqualTo(60L);
		assertStatisticsEqualARecount(retriever);
	}

	@Test
	void schemaInitializationIsIdempotentAndCountsExistingRows() {
		insert("rows written before the keyword index existed", "{}");
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		initialized(retriever());

		assertThat(stats().get(0)).isEqualTo(1L);
		assertStatisticsEqualARecount(retriever);
		assertThat(retriever.retrieve(new Query("existing rows"))).hasSize(1);
	}

	@Test
	void schemaDdlAppliedByHandPlusRefreshWorksWithoutInitialization() {
		insert("migration applied by hand", "{}");
		PgKeywordDocumentRetriever retriever = retriever().build();
		retriever.afterPropertiesSet();
		for (String sql : retriever.schemaDdl()) {
			this.jdbc.execute(sql);
		}
		retriever.refreshStatistics();

		assertThat(retriever.retrieve(new Query("migration"))).hasSize(1);
	}

	@Test
	void missingKeywordIndexGivesAnErrorThatSaysWhatToDo() {
		insert("no index yet", "{}");
		PgKeywordDocumentRetriever retriever = retriever().build();
		retriever.afterPropertiesSet();

		assertThatExceptionOfType(KeywordRetrievalException.class)
			.isThrownBy(() -> retriever.retrieve(new Query("index")))
			.withMessageContaining(this.schema + "." + TABLE)
			.withMessageContaining("keyword index is missing")
			.withMessageContaining("PgKeywordDocumentRetriever.Builder#initializeSchema(true)");
	}

	@Test
	void missingTableGivesAClearError() {
		PgKeywordDocumentRetriever retriever = PgKeywordDocumentRetriever.builder(this.jdbc)
			.schemaName(this.schema)
			.tableName("no_such_table")
			.initializeSchema(true)
			.build();

		assertThatExceptionOfType(KeywordRetrievalException.class).isThrownBy(retriever::afterPropertiesSet)
			.withMessageContaining(this.schema + ".no_such_table does not exist");
	}

	@Test
	void aDifferentTextSearchConfigurationThanTheIndexIsRejected() {
		initialized(retriever());

		assertThatExceptionOfType(KeywordRetrievalException.class)
			.isThrownBy(() -> initialized(retriever().textSearchConfig("simple")))
			.withMessageContaining("built with text search configuration 'english'")
			.withMessageContaining("'simple' is configured");
	}

	@Test
	void anUnknownTextSearchConfigurationIsRejected() {
		assertThatExceptionOfType(KeywordRetrievalException.class)
			.isThrownBy(() -> initialized(retriever().textSearchConfig("klingon")))
			.withMessageContaining("Text search configuration 'klingon' does not exist");
	}

	@Test
	void anotherLanguageConfigurationStemsThatLanguage() {
		PgKeywordDocumentRetriever retriever = initialized(retriever().textSearchConfig("german"));
		String match = insert("Die Häuser stehen am Fluss.", "{}");

		assertThat(retriever.retrieve(new Query("Haus"))).extracting(Document::getId).containsExactly(match);
	}

	@ParameterizedTest
	@ValueSource(strings = { "docs; drop table x", "1docs", "", "docs\"",
			"a_very_long_table_name_that_exceeds_the_limit_of_47" })
	void invalidTableNamesAreRejectedBeforeAnySql(String table) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PgKeywordDocumentRetriever.builder(this.jdbc).tableName(table).build())
			.withMessageContaining("tableName");
	}

	@Test
	void invalidSchemaAndConfigurationNamesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PgKeywordDocumentRetriever.builder(this.jdbc).schemaName("public.x").build())
			.withMessageContaining("schemaName");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PgKeywordDocumentRetriever.builder(this.jdbc).textSearchConfig("english')--").build())
			.withMessageContaining("textSearchConfig");
	}

	@Test
	void hostileQueriesNeitherFailNorChangeTheDatabase() {
		PgKeywordDocumentRetriever retriever = initialized(retriever());
		insert("O'Reilly's guide to C:\\temp paths & operators | ! <-> :*", "{\"k\":\"v\"}");
		insert("rocket launch 🚀 schedule", "{}");
		this.jdbc.execute("CREATE TABLE " + this.schema + ".x (v int)");
		String before = fingerprint();

		List<String> hostile = List.of("O'Reilly's \"quoted\" 'guide'", "'; drop table x; --",
				"'; DROP TABLE " + this.schema + "." + TABLE + "; --", "guide & !paths | (temp <-> operators):* ",
				"!!! & | <-> :* ( ) ' \" \\", "C:\\temp\\ \\' \\\\ paths\\", "🚀 rocket 👩‍🚀", "the and of is it",
				"\u0000 rocket", "guide ".repeat(2000), "x".repeat(10_000));
		for (String query : hostile) {
			List<Document> result = retriever.retrieve(new Query(query));
			assertThat(result).as(query.length() > 60 ? query.substring(0, 60) : query).isNotNull();
		}

		assertThat(retriever.retrieve(new Query("O'Reilly's guide"))).hasSize(1);
		assertThat(retriever.retrieve(new Query("🚀 rocket"))).hasSize(1);
		assertThat(retriever.retrieve(new Query("the and of is it"))).isEmpty();
		assertThat(fingerprint()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, this.schema + ".x"))
			.isTrue();
	}

	private String fingerprint() {
		return this.jdbc
			.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(id::text || content || "
					+ "metadata::text, ',' ORDER BY id), '')) FROM " + this.schema + "." + TABLE, String.class)
				+ this.jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = ?", Long.class,
						this.schema);
	}

	private List<Long> stats() {
		return this.jdbc.queryForObject(
				"SELECT doc_count, total_length FROM " + this.schema + "." + TABLE + "_bm25_stats",
				(rs, i) -> List.of(rs.getLong(1), rs.getLong(2)));
	}

	private List<String> terms() {
		return this.jdbc.queryForList("SELECT lexeme || '=' || df FROM " + this.schema + "." + TABLE
				+ "_bm25_terms WHERE df > 0 ORDER BY lexeme", String.class);
	}

	private void assertStatisticsEqualARecount(PgKeywordDocumentRetriever retriever) {
		List<String> maintainedTerms = terms();
		List<Long> maintainedStats = stats();
		retriever.refreshStatistics();
		assertThat(maintainedTerms).isEqualTo(terms()).isNotEmpty();
		assertThat(maintainedStats).isEqualTo(stats());
	}

}

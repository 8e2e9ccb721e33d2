package dev.reranker.retrieval.vector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vector search on real approximate indexes over 5,000 distinct random 384-dimensional
 * vectors (small tables would be scanned exactly and hide the cap): PgVectorStore alone
 * returns at most {@code hnsw.ef_search} (40) rows, the view returns what was asked,
 * close to the exact nearest neighbours, and leaves no setting behind.
 */
class TopKPgVectorStoreTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String HNSW = "hnsw_docs";

	private static final String IVFFLAT = "ivfflat_docs";

	private static final int ROWS = 5000;

	private static PgVectorStore hnswStore;

	private static PgVectorStore ivfflatStore;

	@BeforeAll
	static void createTables() {
		JdbcTemplate jdbc = postgres.jdbcTemplate();
		hnswStore = RandomVectorTable.hnsw(jdbc, postgres.schema(), HNSW, ROWS);
		// 100 lists of about 50 rows: one probe (the default) finds about 50.
		ivfflatStore = RandomVectorTable.ivfflat(jdbc, postgres.schema(), IVFFLAT, ROWS, 100);
	}

	private static TopKPgVectorStore topK(PgVectorStore store, String table) {
		return TopKPgVectorStore.builder(store).schemaName(postgres.schema()).tableName(table).build();
	}

	private static SearchRequest request(String query, int topK) {
		return SearchRequest.builder().query(query).topK(topK).similarityThresholdAll().build();
	}

	private static List<String> ids(List<Document> documents) {
		return documents.stream().map(Document::getId).toList();
	}

	private static double overlap(List<String> found, List<String> exact) {
		Set<String> expected = new HashSet<>(exact);
		return found.stream().filter(expected::contains).count() / (double) exact.size();
	}

	private static String setting(JdbcTemplate jdbc, String name) {
		return jdbc.queryForObject("SELECT current_setting(?)", String.class, name);
	}

	@Test
	void plainPgVectorStoreReturnsAtMostEfSearchRowsFromItsHnswIndex() {
		assertThat(hnswStore.similaritySearch(request("turbine blades", 100))).hasSizeLessThanOrEqualTo(40);
	}

	@Test
	void theViewReturnsTheRowsAskedForFromAnHnswIndexCloseToTheExactNeighbours() {
		TopKPgVectorStore store = topK(hnswStore, HNSW);

		for (int topK : List.of(100, 300)) {
			List<String> found = ids(store.similaritySearch(request("turbine blades", topK)));

			assertThat(found).hasSize(topK).doesNotHaveDuplicates();
			List<String> exact = RandomVectorTable.exactNearest(postgres.jdbcTemplate(), postgres.schema(), HNSW,
					"turbine blades", topK);
			assertThat(overlap(found, exact)).as("recall against an exact scan").isGreaterThanOrEqualTo(0.9);
		}
	}

	@Test
	void aFilteredSearchOnHnswReturnsTheRowsAskedFor() {
		SearchRequest filtered = SearchRequest.from(request("corrosion", 100)).filterExpression("group == 3").build();

		List<Document> found = topK(hnswStore, HNSW).similaritySearch(filtered);

		assertThat(found).hasSize(100)
			.allSatisfy(document -> assertThat(document.getMetadata()).containsEntry("group", 3));
	}

	@Test
	void theViewReturnsTheRowsAskedForFromAnIvfflatIndex() {
		assertThat(ivfflatStore.similaritySearch(request("valve", 200))).hasSizeLessThan(200);

		List<Document> found = topK(ivfflatStore, IVFFLAT).similaritySearch(request("valve", 200));

		// Random vectors have no clusters for IVFFlat's lists to follow, so its recall on
		// them says nothing; the count and the order do.
		assertThat(found).hasSize(200);
		assertThat(found).extracting(Document::getScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void aVectorStoreDocumentRetrieverOverTheViewReturnsItsTopK() {
		// The view finds the store's schema and table by itself.
		VectorStoreDocumentRetriever retriever = VectorStoreDocumentRetriever.builder()
			.vectorStore(TopKPgVectorStore.builder(hnswStore).build())
			.topK(100)
			.build();

		assertThat(retriever.retrieve(new Query("pressure sensors"))).hasSize(100);
	}

	@Test
	void aSearchInsideTheCallersTransactionLeavesTheCallersSettings() {
		JdbcTemplate jdbc = postgres.jdbcTemplate();
		TransactionTemplate caller = new TransactionTemplate(new DataSourceTransactionManager(postgres.dataSource()));
		TopKPgVectorStore store = topK(hnswStore, HNSW);

		List<String> after = caller.execute(status -> {
			jdbc.execute("SET LOCAL hnsw.ef_search = 77");
			assertThat(store.similaritySearch(request("gearbox", 100))).hasSize(100);
			return List.of(setting(jdbc, "hnsw.ef_search"), setting(jdbc, "hnsw.iterative_scan"));
		});

		assertThat(after).containsExactly("77", "off");
	}

	@Test
	void aSearchOutsideTransactionsLeavesTheSessionAsItWas() throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(postgres.url(), postgres.user(),
				postgres.password(), true);
		try {
			JdbcTemplate single = new JdbcTemplate(dataSource);
			TopKPgVectorStore store = TopKPgVectorStore
				.builder(RandomVectorTable.store(single, postgres.schema(), HNSW))
				.schemaName(postgres.schema())
				.tableName(HNSW)
				.build();

			assertThat(store.similaritySearch(request("bearing", 100))).hasSize(100);

			assertThat(setting(single, "hnsw.ef_search")).isEqualTo("40");
			assertThat(setting(single, "hnsw.iterative_scan")).isEqualTo("off");
			assertThat(dataSource.getConnection().getAutoCommit()).isTrue();
		}
		finally {
			dataSource.destroy();
		}
	}

	@Test
	void aTableWithoutAnApproximateIndexIsSearchedAsIs() {
		JdbcTemplate jdbc = postgres.jdbcTemplate();
		jdbc.execute("DROP TABLE IF EXISTS " + postgres.schema() + ".plain_docs");
		jdbc.execute("CREATE TABLE " + postgres.schema() + ".plain_docs AS SELECT * FROM " + postgres.schema() + "."
				+ HNSW + " LIMIT 500");
		PgVectorStore plain = RandomVectorTable.store(jdbc, postgres.schema(), "plain_docs");

		assertThat(topK(plain, "plain_docs").similaritySearch(request("pump", 100))).hasSize(100);
	}

}

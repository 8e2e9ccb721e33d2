package dev.reranker.example;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.reranker.example.corpus.DemoCorpus;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pgvector} profile against a real PostgreSQL + pgvector, as a first run sees
 * it: the profile's database does not exist yet (the app creates it, and PgVectorStore
 * the extension). The server comes from the project's one PostgreSQL bootstrap
 * ({@link PostgresExtension}: skipped with a message when no database is reachable,
 * except on CI).
 */
@ExampleAppTest
@ActiveProfiles({ "offline", "pgvector" })
@TestPropertySource(properties = { "spring.ai.vectorstore.pgvector.table-name=example_app_vector_store",
		"spring.ai.vectorstore.pgvector.remove-existing-vector-store-table=true", "reranker.advisor.candidates=100" })
class PgVectorProfileTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "example_app_vector_store";

	@LocalServerPort
	int port;

	@Autowired
	DemoCorpus corpus;

	/** A database of this class's own, dropped before the app starts: a first run. */
	private static final String DATABASE = "reranker_example_first_run";

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> {
			postgres.jdbcTemplate().execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
			return databaseUrl();
		});
		registry.add("spring.datasource.username", postgres::user);
		registry.add("spring.datasource.password", postgres::password);
	}

	private static String databaseUrl() {
		return postgres.url().replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE);
	}

	/** The app's own database, where PgVectorStore made its table in schema public. */
	private static JdbcTemplate appDatabase() {
		return new JdbcTemplate(new DriverManagerDataSource(databaseUrl(), postgres.user(), postgres.password()));
	}

	@Test
	void firstRunCreatesTheProfilesDatabase() {
		Integer databases = postgres.jdbcTemplate()
			.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Integer.class, DATABASE);

		assertThat(databases).isEqualTo(1);
	}

	@Test
	void searchRunsHybridRetrievalOnPostgresAndReranks() {
		ApiClient client = new ApiClient(this.port);
		assertThat(client.get("/api/info").body().get("firstStage").asString()).contains("hybrid", "PgVectorStore",
				"BM25");

		DemoCorpus.Example example = this.corpus.example("iron-rust-prevention");
		ApiClient.Response response = client
			.get("/api/search?q=" + URLEncoder.encode(example.query(), StandardCharsets.UTF_8) + "&candidates=8");

		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.get("firstStageResults").size()).isEqualTo(8);
		assertThat(body.get("reranked").size()).isEqualTo(8);
		assertThat(body.get("firstStageResults").toString()).contains(example.answer().text());
		// Fused candidates carry both arms' evidence; the keyword arm matched the query's
		// terms.
		assertThat(body.get("firstStageResults").toString()).contains("fused_score", "keyword_score");
	}

	@Test
	void searchGetsTheHundredCandidatesAskedForFromTheHnswIndex() {
		// Thousands of distinct 384-dimensional vectors: enough for PostgreSQL to scan
		// the
		// HNSW index, which alone returns at most hnsw.ef_search (40) rows.
		JdbcTemplate app = appDatabase();
		RandomVectorTable.insert(app, "public", TABLE, 3000);
		try {
			// No document contains these words: every candidate comes from the vector
			// arm.
			ApiClient.Response response = new ApiClient(this.port).get("/api/search?q=zqxv+wkjy&candidates=100");

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().get("firstStageResults").size()).isEqualTo(100);
		}
		finally {
			app.update("DELETE FROM public." + TABLE + " WHERE metadata::jsonb @> '{\"random\": true}'");
		}
	}

	@Test
	void askWithoutChatModelShowsTheHybridRerankedContext() {
		DemoCorpus.Example example = this.corpus.example("capital-australia");
		ApiClient.Response response = new ApiClient(this.port).post("/api/ask", Map.of("question", example.query()));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body().get("context").size()).isBetween(1, 5);
	}

}

package dev.reranker.example;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reranker.example.corpus.DemoCorpus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pgvector} profile against the real local PostgreSQL + pgvector that
 * {@code scripts/setup-test-env.sh} prepares (database {@code test} on 127.0.0.1:5432).
 * Skipped with a message when it is not reachable, except on CI ({@code CI=true}).
 */
@ExampleAppTest
@ActiveProfiles({ "offline", "pgvector" })
@TestPropertySource(properties = { "spring.ai.vectorstore.pgvector.table-name=example_app_vector_store",
		"spring.ai.vectorstore.pgvector.remove-existing-vector-store-table=true" })
class PgVectorProfileTests {

	// The same connection settings as the library's PostgreSQL tests.
	static final String URL = env("RERANKER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = env("RERANKER_TEST_PG_USER", "postgres");

	static final String PASSWORD = env("RERANKER_TEST_PG_PASSWORD", "");

	@LocalServerPort
	int port;

	@Autowired
	DemoCorpus corpus;

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> URL);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	@BeforeAll
	static void requirePostgres() {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
			connection.createStatement().execute("SELECT 'vector'::regtype");
		}
		catch (SQLException ex) {
			String message = "PostgreSQL with pgvector is not reachable at " + URL + " (" + ex.getMessage()
					+ "): run scripts/setup-test-env.sh to run the pgvector profile test";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + "; CI=true requires it", ex);
			}
			Assumptions.abort(message);
		}
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
		// Fused candidates carry both arms' evidence; the keyword arm matched the query's terms.
		assertThat(body.get("firstStageResults").toString()).contains("fused_score", "keyword_score");
	}

	@Test
	void askWithoutChatModelShowsTheHybridRerankedContext() {
		DemoCorpus.Example example = this.corpus.example("capital-australia");
		ApiClient.Response response = new ApiClient(this.port).post("/api/ask", Map.of("question", example.query()));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body().get("context").size()).isBetween(1, 5);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}

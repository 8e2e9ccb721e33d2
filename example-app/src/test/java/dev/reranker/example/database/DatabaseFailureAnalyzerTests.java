package dev.reranker.example.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.testfixtures.postgres.PostgresExtension;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link DatabaseCreator} and {@link DatabaseFailureAnalyzer} against the real failures
 * of a real PostgreSQL: nothing listening, no such database, no pgvector in the database.
 */
class DatabaseFailureAnalyzerTests {

	private static final String SCRATCH = "reranker_example_scratch";

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@AfterEach
	void dropScratchDatabase() {
		postgres.jdbcTemplate().execute("DROP DATABASE IF EXISTS " + SCRATCH + " WITH (FORCE)");
	}

	@Test
	void serverThatDoesNotAnswerIsReportedAsUnreachableNamingTheUrlProperty() {
		String url = "jdbc:postgresql://127.0.0.1:1/reranker?password=secret";
		FailureAnalysis analysis = analyze(url, failureOf(url));

		assertThat(analysis.getDescription())
			.startsWith("No PostgreSQL answers at jdbc:postgresql://127.0.0.1:1/reranker:")
			.doesNotContain("secret");
		assertThat(analysis.getAction()).contains("spring.datasource.url", "scripts/setup-test-env.sh", "compose.yaml",
				"5433");
	}

	@Test
	void missingDatabaseIsReportedWithTheWaysToCreateIt() {
		String url = scratchUrl();
		FailureAnalysis analysis = analyze(url, failureOf(url));

		assertThat(analysis.getDescription())
			.startsWith("The PostgreSQL server of " + url + " has no database '" + SCRATCH + "'");
		assertThat(analysis.getAction()).contains("app.database.create-if-missing=true", "spring.datasource.url");
	}

	@Test
	void creatorCreatesAMissingDatabaseOnceAndTheAnalyzerThenReportsTheMissingExtension() throws SQLException {
		String url = scratchUrl();

		assertThat(DatabaseCreator.createIfMissing(url, postgres.user(), postgres.password())).isTrue();
		assertThat(DatabaseCreator.createIfMissing(url, postgres.user(), postgres.password())).isFalse();

		SQLException noVector;
		try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
				Statement statement = connection.createStatement()) {
			noVector = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT '[1,2]'::vector"));
		}
		FailureAnalysis analysis = analyze(url, new IllegalStateException("start-up failed", noVector));
		assertThat(analysis.getDescription()).startsWith("The database at " + url + " has no pgvector extension");
		assertThat(analysis.getAction()).contains("spring.ai.vectorstore.pgvector.initialize-schema=true");
	}

	@Test
	void failuresOfOtherKindsAreLeftToOtherAnalyzers() {
		SQLException syntax = new SQLException("syntax error at or near \"SELEC\"", "42601");

		assertThat(new DatabaseFailureAnalyzer(new MockEnvironment()).analyze(new RuntimeException(syntax))).isNull();
	}

	@Test
	void urlsOfOtherDatabasesAreNotTouchedByTheCreator() {
		assertThat(DatabaseCreator.createIfMissing("jdbc:h2:mem:reranker", "sa", "")).isFalse();
	}

	private static String scratchUrl() {
		return postgres.url().replaceFirst("/[^/?]+(\\?.*)?$", "/" + SCRATCH);
	}

	private static SQLException failureOf(String url) {
		return catchThrowableOfType(SQLException.class,
				() -> DriverManager.getConnection(url, postgres.user(), postgres.password()).close());
	}

	private static FailureAnalysis analyze(String url, Throwable failure) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url);
		FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment)
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

}

package dev.reranker.example.database;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Explains a start-up that failed on its PostgreSQL: unreachable, no such database,
 * credentials refused, or no pgvector. Names the {@code spring.datasource.*} property to
 * change and the two ways to get a database (the local server the setup script prepares,
 * or the compose file).
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	private static final String START = "Either use a local PostgreSQL (scripts/setup-test-env.sh installs pgvector"
			+ " into the one at localhost:5432), or start the compose file on port 5433 and point the app at it:\n\n"
			+ "    docker compose -f example-app/compose.yaml up -d\n"
			+ "    SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5433/reranker ./mvnw -pl example-app -am"
			+ " spring-boot:run -Dspring-boot.run.profiles=pgvector";

	private final Environment environment;

	DatabaseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				DatabaseProblem problem = DatabaseProblem.of(sql);
				if (problem != null) {
					return analysis(problem, sql);
				}
			}
		}
		return null;
	}

	private FailureAnalysis analysis(DatabaseProblem problem, SQLException cause) {
		PostgresUrl url = PostgresUrl.parse(this.environment.getProperty("spring.datasource.url"));
		String where = (url != null) ? url.printable() : "spring.datasource.url";
		String user = this.environment.getProperty("spring.datasource.username", "(none)");
		return switch (problem) {
			case UNREACHABLE -> new FailureAnalysis("No PostgreSQL answers at " + where + ": " + cause.getMessage(),
					"Start PostgreSQL, or set spring.datasource.url to a server that runs. " + START, cause);
			case DATABASE_MISSING -> new FailureAnalysis(
					"The PostgreSQL server of " + where + " has no database '" + ((url != null) ? url.database() : "?")
							+ "': " + cause.getMessage(),
					"Create it (createdb), let the app create it with app.database.create-if-missing=true (the user"
							+ " needs the CREATEDB privilege), or set spring.datasource.url to a database that exists.",
					cause);
			case AUTHENTICATION -> new FailureAnalysis(
					"PostgreSQL at " + where + " refused the user '" + user + "': " + cause.getMessage(),
					"Set spring.datasource.username and spring.datasource.password to an account of that server.",
					cause);
			case EXTENSION_MISSING -> new FailureAnalysis(
					"The database at " + where + " has no pgvector extension: " + cause.getMessage(),
					"Install pgvector on the server (scripts/setup-test-env.sh builds it from Debian's source package;"
							+ " the compose file's image has it), then keep"
							+ " spring.ai.vectorstore.pgvector.initialize-schema=true so the app runs CREATE"
							+ " EXTENSION vector, or run it yourself as a superuser. " + START,
					cause);
		};
	}

}

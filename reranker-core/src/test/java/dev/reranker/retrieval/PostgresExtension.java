package dev.reranker.retrieval;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives a test class a real PostgreSQL with pgvector, in a schema of its own that is
 * dropped and recreated before the class and dropped after it.
 * <p>
 * Connects to {@code RERANKER_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}) as {@code RERANKER_TEST_PG_USER}
 * (default {@code postgres}) with {@code RERANKER_TEST_PG_PASSWORD} (default empty);
 * {@code scripts/setup-test-env.sh} prepares exactly that. When the database is not
 * reachable or lacks pgvector, the class is skipped with a message saying how to enable
 * it, except when {@code CI=true}: then the class fails.
 * <p>
 * Register it as {@code @RegisterExtension static final PostgresExtension postgres = new
 * PostgresExtension();}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

	public static final String URL_ENV = "RERANKER_TEST_PG_URL";

	public static final String USER_ENV = "RERANKER_TEST_PG_USER";

	public static final String PASSWORD_ENV = "RERANKER_TEST_PG_PASSWORD";

	private HikariDataSource dataSource;

	private JdbcTemplate jdbcTemplate;

	private String schema;

	@Override
	public void beforeAll(ExtensionContext context) {
		String url = env(URL_ENV, "jdbc:postgresql://127.0.0.1:5432/test");
		String user = env(USER_ENV, "postgres");
		String password = env(PASSWORD_ENV, "");
		String problem = probe(url, user, password);
		if (problem != null) {
			String message = "PostgreSQL with pgvector is not available at " + url + " (" + problem + "). To run "
					+ "these tests, run scripts/setup-test-env.sh, or point " + URL_ENV + ", " + USER_ENV + " and "
					+ PASSWORD_ENV + " at a PostgreSQL where the vector extension is available.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + " CI=true: PostgreSQL tests must not be skipped.");
			}
			throw new TestAbortedException(message);
		}
		this.schema = schemaFor(context.getRequiredTestClass());
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(4);
		config.setPoolName("test-" + this.schema);
		this.dataSource = new HikariDataSource(config);
		this.jdbcTemplate = new JdbcTemplate(this.dataSource);
		this.jdbcTemplate.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		this.jdbcTemplate.execute("CREATE SCHEMA " + this.schema);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.dataSource != null) {
			try {
				this.jdbcTemplate.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
			}
			finally {
				this.dataSource.close();
			}
		}
	}

	/** The schema reserved for the test class, e.g. {@code rt_pgkeyworddocumentretrievertests}. */
	public String schema() {
		return this.schema;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	private static String schemaFor(Class<?> testClass) {
		String name = "rt_" + testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		return name.length() > 40 ? name.substring(0, 40) : name;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private static String probe(String url, String user, String password) {
		try (Connection connection = new org.postgresql.Driver().connect(url, properties(user, password))) {
			if (connection == null) {
				return "not a PostgreSQL JDBC URL";
			}
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")) {
				rs.next();
				return rs.getInt(1) > 0 ? null : "the vector extension (pgvector) is not installed";
			}
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	private static java.util.Properties properties(String user, String password) {
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "5");
		return properties;
	}

}

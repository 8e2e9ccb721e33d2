package dev.reranker.testfixtures.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives a test class a real PostgreSQL with pgvector, in a schema of its own (named after
 * the class and the JVM's process id) that is created before the class and dropped after
 * it.
 * <p>
 * Connects to {@code RERANKER_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}) as {@code RERANKER_TEST_PG_USER}
 * (default {@code postgres}) with {@code RERANKER_TEST_PG_PASSWORD} (default empty);
 * {@code scripts/setup-test-env.sh} prepares exactly that. When that default database is
 * not reachable and Docker is, a {@code pgvector/pgvector} container is started instead
 * (once per JVM, through Testcontainers). When neither works, the class is skipped with a
 * message saying how to enable it, except when {@code CI=true}: then the class fails.
 * <p>
 * Register it as {@code @RegisterExtension static final PostgresExtension postgres = new
 * PostgresExtension();}.
 */
public final class PostgresExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

	public static final String URL_ENV = "RERANKER_TEST_PG_URL";

	public static final String USER_ENV = "RERANKER_TEST_PG_USER";

	public static final String PASSWORD_ENV = "RERANKER_TEST_PG_PASSWORD";

	private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final DockerImageName PGVECTOR_IMAGE = DockerImageName.parse("pgvector/pgvector:pg16")
		.asCompatibleSubstituteFor("postgres");

	private static PostgreSQLContainer container;

	private HikariDataSource dataSource;

	private JdbcTemplate jdbcTemplate;

	private String schema;

	/** Connection settings, or why there are none; resolved once per JVM. */
	private record Target(String url, String user, String password, String problem) {
	}

	private static Target target;

	private static synchronized Target target() {
		if (target == null) {
			String url = env(URL_ENV, DEFAULT_URL);
			String user = env(USER_ENV, "postgres");
			String password = env(PASSWORD_ENV, "");
			String problem = probe(url, user, password);
			if (problem != null && System.getenv(URL_ENV) == null && dockerAvailable()) {
				PostgreSQLContainer started = container();
				url = started.getJdbcUrl();
				user = started.getUsername();
				password = started.getPassword();
				problem = probe(url, user, password);
			}
			String message = (problem == null) ? null
					: "PostgreSQL with pgvector is not available at " + url + " (" + problem
							+ "). To run these tests, run scripts/setup-test-env.sh, start Docker (Testcontainers "
							+ "then runs " + PGVECTOR_IMAGE + "), or point " + URL_ENV + ", " + USER_ENV + " and "
							+ PASSWORD_ENV + " at a PostgreSQL where the vector extension is available.";
			target = new Target(url, user, password, message);
		}
		return target;
	}

	/**
	 * Why PostgreSQL with pgvector is not available, for tests that degrade instead of
	 * skipping (they should still fail on CI, as this extension does).
	 * @return the reason, or empty when the database is reachable and has pgvector
	 */
	public static Optional<String> unavailable() {
		return Optional.ofNullable(target().problem());
	}

	private static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * Skips the class when PostgreSQL is unavailable, except on CI (where beforeAll
	 * fails).
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Target resolved = target();
		if (resolved.problem() == null || ci()) {
			return ConditionEvaluationResult.enabled("PostgreSQL available at " + resolved.url());
		}
		System.err.println("SKIPPED " + context.getDisplayName() + ": " + resolved.problem());
		return ConditionEvaluationResult.disabled(resolved.problem());
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Target resolved = target();
		if (resolved.problem() != null) {
			if (ci()) {
				throw new IllegalStateException(resolved.problem() + " CI=true: PostgreSQL tests must not be skipped.");
			}
			throw new TestAbortedException(resolved.problem());
		}
		String url = resolved.url();
		String user = resolved.user();
		String password = resolved.password();
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

	/**
	 * The JDBC URL of the database the tests use, for configuring an application under
	 * test (e.g. {@code spring.datasource.url} in a {@code @DynamicPropertySource}).
	 * @return the URL
	 */
	public String url() {
		return target().url();
	}

	/** The user name for {@link #url()}. */
	public String user() {
		return target().user();
	}

	/** The password for {@link #url()}. */
	public String password() {
		return target().password();
	}

	/**
	 * The schema reserved for the test class, e.g.
	 * {@code rt_pgkeyworddocumentretrievertests_4242}.
	 */
	public String schema() {
		return this.schema;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static synchronized PostgreSQLContainer container() {
		if (container == null) {
			PostgreSQLContainer started = new PostgreSQLContainer(PGVECTOR_IMAGE);
			started.start();
			container = started;
		}
		return container;
	}

	// The process id keeps concurrent builds (several checkouts, one database) apart.
	private static String schemaFor(Class<?> testClass) {
		String name = "rt_" + testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		return (name.length() > 40 ? name.substring(0, 40) : name) + "_" + ProcessHandle.current().pid();
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

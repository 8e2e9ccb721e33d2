package dev.reranker.example.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Creates the PostgreSQL database of {@code spring.datasource.url} before the application
 * first uses its {@link DataSource}, when the server answers that no such database
 * exists. Any other connection problem is left to the application's own start-up, where
 * {@link DatabaseFailureAnalyzer} explains it.
 */
class DatabaseCreator implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseCreator.class);

	private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

	private boolean checked;

	DatabaseCreator(ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		this.connectionDetails = connectionDetails;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource && !this.checked) {
			this.checked = true;
			JdbcConnectionDetails details = this.connectionDetails.getIfAvailable();
			if (details != null) {
				createIfMissing(details.getJdbcUrl(), details.getUsername(), details.getPassword());
			}
		}
		return bean;
	}

	/**
	 * Creates the URL's database when the server says it does not exist.
	 * @param url a JDBC URL; URLs of other databases than PostgreSQL are left alone
	 * @param username the user, who needs the CREATEDB privilege
	 * @param password the password
	 * @return whether a database was created
	 */
	static boolean createIfMissing(String url, @Nullable String username, @Nullable String password) {
		PostgresUrl parsed = PostgresUrl.parse(url);
		if (parsed == null || !isMissing(url, username, password)) {
			return false;
		}
		try (Connection connection = DriverManager.getConnection(parsed.maintenanceUrl(),
				credentials(username, password)); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + quoted(parsed.database()));
			logger.info("Created the database '{}' ({}); set app.database.create-if-missing=false to stop this",
					parsed.database(), parsed.printable());
			return true;
		}
		catch (SQLException ex) {
			// The start-up's first query then reports the missing database, with advice.
			logger.warn("Could not create the database '{}' ({}): {}", parsed.database(), parsed.printable(),
					Objects.requireNonNullElse(ex.getMessage(), ex.getClass().getSimpleName()));
			return false;
		}
	}

	private static boolean isMissing(String url, @Nullable String username, @Nullable String password) {
		try (Connection connection = DriverManager.getConnection(url, credentials(username, password))) {
			return false;
		}
		catch (SQLException ex) {
			return DatabaseProblem.DATABASE_MISSING.sqlStates().contains(ex.getSQLState());
		}
	}

	private static Properties credentials(@Nullable String username, @Nullable String password) {
		Properties credentials = new Properties();
		if (username != null) {
			credentials.setProperty("user", username);
		}
		if (password != null) {
			credentials.setProperty("password", password);
		}
		return credentials;
	}

	private static String quoted(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}

package dev.reranker.example.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The parts of a {@code jdbc:postgresql://host:port/database?params} URL the example app
 * needs: the database's name, the same server's maintenance database, and a form safe to
 * print (no parameters, which may carry a password).
 *
 * @param prefix everything up to and including the slash before the database name
 * @param database the database name
 * @param parameters the query string, including its {@code ?}, or empty
 */
record PostgresUrl(String prefix, String database, String parameters) {

	private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?");

	/**
	 * @param url a JDBC URL
	 * @return its parts, or {@code null} when it is not a PostgreSQL URL naming a
	 * database
	 */
	static @Nullable PostgresUrl parse(@Nullable String url) {
		if (url == null) {
			return null;
		}
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches() || matcher.group(2).isEmpty()) {
			return null;
		}
		String parameters = matcher.group(3);
		return new PostgresUrl(matcher.group(1), matcher.group(2), (parameters != null) ? parameters : "");
	}

	/**
	 * @return the URL of the server's {@code postgres} database, with the same parameters
	 */
	String maintenanceUrl() {
		return this.prefix + "postgres" + this.parameters;
	}

	/**
	 * @return the URL without its parameters
	 */
	String printable() {
		return this.prefix + this.database;
	}

}

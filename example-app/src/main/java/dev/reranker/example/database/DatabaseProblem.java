package dev.reranker.example.database;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What can keep the {@code pgvector} profile from using its PostgreSQL, told apart by the
 * server's SQLState (and, for the extension, its message).
 */
enum DatabaseProblem {

	/** Nothing answers at the URL's host and port. */
	UNREACHABLE(Set.of("08001", "08004", "08006")),

	/** The server has no database of the URL's name. */
	DATABASE_MISSING(Set.of("3D000")),

	/** The server refused the user name or password. */
	AUTHENTICATION(Set.of("28000", "28P01")),

	/**
	 * The server has no pgvector extension installed, or the database has not created it.
	 */
	EXTENSION_MISSING(Set.of("0A000", "42704", "58P01"));

	private final Set<String> sqlStates;

	DatabaseProblem(Set<String> sqlStates) {
		this.sqlStates = sqlStates;
	}

	Set<String> sqlStates() {
		return this.sqlStates;
	}

	/**
	 * @param ex a failure of a database call
	 * @return the problem it shows, or {@code null} when it is none of these
	 */
	static @Nullable DatabaseProblem of(SQLException ex) {
		String state = ex.getSQLState();
		if (state == null) {
			return null;
		}
		for (DatabaseProblem problem : values()) {
			if (problem.sqlStates.contains(state)) {
				return (problem != EXTENSION_MISSING || mentionsVector(ex)) ? problem : null;
			}
		}
		return null;
	}

	private static boolean mentionsVector(SQLException ex) {
		String message = ex.getMessage();
		return message != null && message.toLowerCase(Locale.ROOT).contains("vector");
	}

}

package dev.reranker.retrieval;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates and fills tables with exactly the shape Spring AI's {@code PgVectorStore}
 * creates ({@code id uuid, content text, metadata json, embedding vector}), for keyword
 * tests that need no embeddings. Tests that need vectors use {@code PgVectorStore}
 * itself.
 */
public final class VectorStoreTables {

	private VectorStoreTables() {
	}

	public static void create(JdbcTemplate jdbc, String schema, String table) {
		jdbc.execute("CREATE EXTENSION IF NOT EXISTS vector");
		jdbc.execute("DROP TABLE IF EXISTS " + schema + "." + table + " CASCADE");
		jdbc.execute("CREATE TABLE " + schema + "." + table
				+ " (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, content text, metadata json, embedding vector(384))");
	}

	/**
	 * Inserts a row the way PgVectorStore does (without an embedding) and returns its id.
	 */
	public static String insert(JdbcTemplate jdbc, String schema, String table, String content, String metadataJson) {
		String id = UUID.randomUUID().toString();
		jdbc.update("INSERT INTO " + schema + "." + table + " (id, content, metadata) VALUES (?::uuid, ?, ?::jsonb)",
				id, content, metadataJson);
		return id;
	}

}

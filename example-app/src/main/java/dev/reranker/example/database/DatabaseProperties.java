package dev.reranker.example.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The example app's database settings, under {@code app.database.*}.
 *
 * @param createIfMissing whether to create the database named by
 * {@code spring.datasource.url} when the server has none of that name (the
 * {@code pgvector} profile turns it on; the user needs the CREATEDB privilege)
 */
@ConfigurationProperties("app.database")
public record DatabaseProperties(boolean createIfMissing) {
}

/**
 * The {@code pgvector} profile's PostgreSQL: creating the database on first run and
 * explaining a database that cannot be used.
 */
@NullMarked
package dev.reranker.example.database;

import org.jspecify.annotations.NullMarked;

/**
 * JDBC support shared by the retrievers: transaction scopes whose PostgreSQL settings
 * never leak into a caller's transaction.
 */
@NullMarked
package dev.reranker.retrieval.jdbc;

import org.jspecify.annotations.NullMarked;

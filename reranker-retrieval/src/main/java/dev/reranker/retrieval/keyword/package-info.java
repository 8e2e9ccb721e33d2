/**
 * Okapi BM25 keyword retrieval inside PostgreSQL, over the table a Spring AI
 * {@code PgVectorStore} writes.
 */
@NullMarked
package dev.reranker.retrieval.keyword;

import org.jspecify.annotations.NullMarked;

/**
 * Vector search on pgvector that returns as many rows as asked for, whatever the
 * approximate index's scan settings.
 */
@NullMarked
package dev.reranker.retrieval.vector;

import org.jspecify.annotations.NullMarked;

/**
 * Rerank model API and the reranking {@code DocumentPostProcessor} for Spring AI
 * retrieval-augmented generation.
 */
@NullMarked
package dev.reranker;

import org.jspecify.annotations.NullMarked;

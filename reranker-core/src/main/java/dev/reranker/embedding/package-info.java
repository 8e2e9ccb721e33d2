/**
 * Rescoring by cosine similarity with any Spring AI {@code EmbeddingModel} (a bi-encoder,
 * not a cross-encoder).
 */
@NullMarked
package dev.reranker.embedding;

import org.jspecify.annotations.NullMarked;

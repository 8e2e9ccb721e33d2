/**
 * Auto-configuration of the 'embedding' rerank provider (cosine rescoring with a Spring
 * AI EmbeddingModel).
 */
@NullMarked
package dev.reranker.autoconfigure.embedding;

import org.jspecify.annotations.NullMarked;

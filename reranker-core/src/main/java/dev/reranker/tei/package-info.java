/**
 * Rerank provider for Hugging Face text-embeddings-inference ({@code /rerank}).
 */
@NullMarked
package dev.reranker.tei;

import org.jspecify.annotations.NullMarked;

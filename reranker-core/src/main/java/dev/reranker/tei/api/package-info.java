/**
 * Wire records of text-embeddings-inference's {@code /rerank} JSON.
 */
@NullMarked
package dev.reranker.tei.api;

import org.jspecify.annotations.NullMarked;

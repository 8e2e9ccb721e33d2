/**
 * Wire records of Cohere's {@code /v2/rerank} JSON.
 */
@NullMarked
package dev.reranker.cohere.api;

import org.jspecify.annotations.NullMarked;

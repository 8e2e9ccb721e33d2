/**
 * Wire records of the Jina-style {@code /v1/rerank} JSON.
 */
@NullMarked
package dev.reranker.jina.api;

import org.jspecify.annotations.NullMarked;

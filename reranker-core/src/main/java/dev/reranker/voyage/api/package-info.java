/**
 * Wire records of Voyage AI's {@code /v1/rerank} JSON.
 */
@NullMarked
package dev.reranker.voyage.api;

import org.jspecify.annotations.NullMarked;

/**
 * Rerank provider for Voyage AI's {@code /v1/rerank} API.
 */
@NullMarked
package dev.reranker.voyage;

import org.jspecify.annotations.NullMarked;

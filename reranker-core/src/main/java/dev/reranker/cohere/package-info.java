/**
 * Rerank provider for Cohere's {@code /v2/rerank} API and servers that speak it (vLLM).
 */
@NullMarked
package dev.reranker.cohere;

import org.jspecify.annotations.NullMarked;

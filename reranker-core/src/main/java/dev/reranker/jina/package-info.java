/**
 * Rerank provider for Jina AI's {@code /v1/rerank} API and servers that speak it (vLLM,
 * llama.cpp server).
 */
@NullMarked
package dev.reranker.jina;

import org.jspecify.annotations.NullMarked;

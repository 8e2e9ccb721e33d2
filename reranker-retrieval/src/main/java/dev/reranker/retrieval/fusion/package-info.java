/**
 * Reciprocal rank fusion of ranked document lists, and a retriever that fuses several
 * retrievers (hybrid search).
 */
@NullMarked
package dev.reranker.retrieval.fusion;

import org.jspecify.annotations.NullMarked;

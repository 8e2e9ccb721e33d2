/**
 * First-stage retrieval for the reranker: keyword search over PostgreSQL
 * ({@code keyword}) and reciprocal rank fusion of several retrievers ({@code fusion}).
 */
@NullMarked
package dev.reranker.retrieval;

import org.jspecify.annotations.NullMarked;

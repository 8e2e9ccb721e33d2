/**
 * First-stage retrieval followed by reranking, with both orders and timings exposed.
 */
@NullMarked
package dev.reranker.example.search;

import org.jspecify.annotations.NullMarked;

/**
 * Evaluation tool: runs first stages and rerank providers over a BEIR-layout dataset and
 * reports quality and latency.
 */
@NullMarked
package dev.reranker.eval;

import org.jspecify.annotations.NullMarked;

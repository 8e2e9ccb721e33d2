/**
 * Runs the evaluation: first-stage retrieval, reranking at each depth, metrics and
 * latency per stage.
 */
@NullMarked
package dev.reranker.eval.pipeline;

import org.jspecify.annotations.NullMarked;

/**
 * Paired significance tests for comparing two configurations on the same queries.
 */
@NullMarked
package dev.reranker.eval.stats;

import org.jspecify.annotations.NullMarked;

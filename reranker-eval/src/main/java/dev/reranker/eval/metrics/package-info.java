/**
 * Ranking quality metrics with trec_eval's definitions: nDCG, MRR and recall at a
 * cut-off.
 */
@NullMarked
package dev.reranker.eval.metrics;

import org.jspecify.annotations.NullMarked;

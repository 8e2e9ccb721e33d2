/**
 * Reading datasets in BEIR layout: corpus, queries, graded relevance judgments and
 * per-query exclusions.
 */
@NullMarked
package dev.reranker.eval.dataset;

import org.jspecify.annotations.NullMarked;

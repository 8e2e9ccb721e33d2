/**
 * Training inputs: JSONL pairs, BEIR-layout datasets with a training split or a subset of
 * query ids (k-fold), and negatives drawn at random or mined with a first stage.
 */
@NullMarked
package dev.reranker.train.data;

import org.jspecify.annotations.NullMarked;

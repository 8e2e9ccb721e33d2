/**
 * Fine-tuning on DJL's PyTorch engine: losses, AdamW with a linear warm-up and decay,
 * length-bucketed batches, checkpoints to resume from, and early stopping on a held-out
 * slice.
 */
@NullMarked
package dev.reranker.train.training;

import org.jspecify.annotations.NullMarked;

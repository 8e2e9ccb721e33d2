/**
 * The command-line tool: reads a start checkpoint and training data, trains with a
 * progress bar (loss, pairs/s, ETA) and exports the model folder.
 */
@NullMarked
package dev.reranker.train.cli;

import org.jspecify.annotations.NullMarked;

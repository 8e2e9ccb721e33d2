/**
 * Training a cross-encoder in Java: the API that reads a start checkpoint, fine-tunes it
 * on DJL's PyTorch engine and exports a model folder the local provider loads.
 */
@NullMarked
package dev.reranker.train;

import org.jspecify.annotations.NullMarked;

/**
 * Start checkpoints: a BERT-family encoder or cross-encoder in Hugging Face layout, its
 * weights read out of the ONNX graph's initializers and mapped to encoder parameters by
 * name or, where the export lost the names, by graph structure.
 */
@NullMarked
package dev.reranker.train.checkpoint;

import org.jspecify.annotations.NullMarked;

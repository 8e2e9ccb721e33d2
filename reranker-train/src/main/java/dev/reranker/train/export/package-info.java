/**
 * Export of a trained cross-encoder as a Hugging Face layout folder that the local
 * provider and any ONNX tool load.
 */
@NullMarked
package dev.reranker.train.export;

import org.jspecify.annotations.NullMarked;

/**
 * The local provider: an in-process cross-encoder run through DJL (ONNX Runtime by
 * default, PyTorch optionally), with Hugging Face tokenizers and model downloads.
 */
@NullMarked
package dev.reranker.local;

import org.jspecify.annotations.NullMarked;

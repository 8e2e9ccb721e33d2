/**
 * Answer quality: reference answers, the prompt built from a configuration's top
 * documents, the chat model's answer scored by token exact match and F1, and an optional
 * LLM judge.
 */
@NullMarked
package dev.reranker.eval.answers;

import org.jspecify.annotations.NullMarked;

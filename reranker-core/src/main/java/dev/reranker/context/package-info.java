/**
 * What turns a ranked list into the context an LLM reads: a token budget and the order of
 * the documents in the prompt.
 */
@NullMarked
package dev.reranker.context;

import org.jspecify.annotations.NullMarked;

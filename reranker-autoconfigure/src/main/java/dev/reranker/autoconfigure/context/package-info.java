/**
 * Properties that turn the ranked list into the LLM's context: document template, long
 * documents, adaptive cutoff, diversity, token budget, order in the prompt.
 */
@NullMarked
package dev.reranker.autoconfigure.context;

import org.jspecify.annotations.NullMarked;

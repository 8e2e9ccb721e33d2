/**
 * Auto-configuration of the 'llm' rerank provider (listwise or pointwise reranking with a
 * Spring AI ChatModel).
 */
@NullMarked
package dev.reranker.autoconfigure.llm;

import org.jspecify.annotations.NullMarked;

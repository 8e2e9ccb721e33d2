/**
 * Reranking with any Spring AI {@code ChatModel}: listwise (RankGPT-style permutations
 * over sliding windows) or pointwise (a relevance grade per document), with robust
 * parsing of the answers, one deadline per call and retries of transient failures.
 */
@NullMarked
package dev.reranker.llm;

import org.jspecify.annotations.NullMarked;

/**
 * Cross-encoder models in Hugging Face layout, built offline for tests, benchmarks and
 * examples: {@link dev.reranker.testfixtures.TinyCrossEncoder} (known ranking) and
 * {@link dev.reranker.testfixtures.MiniLmCrossEncoder} (real MiniLM-L6 cost).
 */
@NullMarked
package dev.reranker.testfixtures;

import org.jspecify.annotations.NullMarked;

/**
 * JMH benchmarks of the local cross-encoder provider.
 */
@NullMarked
package dev.reranker.benchmark;

import org.jspecify.annotations.NullMarked;

/**
 * Micrometer observations of rerank calls, in the style of Spring AI's model
 * observations.
 */
@NullMarked
package dev.reranker.observation;

import org.jspecify.annotations.NullMarked;

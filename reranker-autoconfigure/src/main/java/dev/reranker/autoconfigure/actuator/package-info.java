/**
 * Actuator support: masking of the rerank providers' API keys in actuator endpoints.
 */
@NullMarked
package dev.reranker.autoconfigure.actuator;

import org.jspecify.annotations.NullMarked;

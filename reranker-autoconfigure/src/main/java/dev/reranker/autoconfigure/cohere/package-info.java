/**
 * Auto-configuration of the 'cohere' rerank provider.
 */
@NullMarked
package dev.reranker.autoconfigure.cohere;

import org.jspecify.annotations.NullMarked;

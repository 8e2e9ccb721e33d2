/**
 * Auto-configuration of the 'jina' rerank provider.
 */
@NullMarked
package dev.reranker.autoconfigure.jina;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of the 'tei' rerank provider.
 */
@NullMarked
package dev.reranker.autoconfigure.tei;

import org.jspecify.annotations.NullMarked;

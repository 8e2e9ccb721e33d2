/**
 * Auto-configuration of the 'voyage' rerank provider.
 */
@NullMarked
package dev.reranker.autoconfigure.voyage;

import org.jspecify.annotations.NullMarked;

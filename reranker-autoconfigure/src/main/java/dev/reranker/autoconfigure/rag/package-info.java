/**
 * Auto-configuration of the retrieval-augmentation advisor: vector retrieval, optional
 * keyword retrieval fused with reciprocal rank fusion, then reranking.
 */
@NullMarked
package dev.reranker.autoconfigure.rag;

import org.jspecify.annotations.NullMarked;

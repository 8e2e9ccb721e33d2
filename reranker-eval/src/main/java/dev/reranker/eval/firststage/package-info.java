/**
 * First-stage retrieval over the evaluated corpus: dense, keyword and fused.
 */
@NullMarked
package dev.reranker.eval.firststage;

import org.jspecify.annotations.NullMarked;

/**
 * Long documents: {@link dev.reranker.passage.LongDocuments} splits a document that does
 * not fit the model into overlapping windows of tokens
 * ({@link dev.reranker.passage.PassageWindowing}), scores every window in the same model
 * call and keeps the best window's score for the document.
 */
@NullMarked
package dev.reranker.passage;

import org.jspecify.annotations.NullMarked;

/**
 * A score cache for rerank models: {@link dev.reranker.cache.CachingRerankModel} sends
 * only the (query, document) pairs it has not seen to the model it wraps, and keeps the
 * scores in a {@link dev.reranker.cache.ScoreCache} (in-process on Caffeine, or shared in
 * Redis).
 */
@NullMarked
package dev.reranker.cache;

import org.jspecify.annotations.NullMarked;

/**
 * What every remote rerank provider shares: the HTTP exchange through Spring's
 * {@code RestClient}, the per-call deadline on a caller-supplied or bounded default
 * executor, bounded retries with exponential backoff and jitter (Spring Framework's
 * {@code org.springframework.core.retry}), {@code Retry-After} handling, the translation
 * of failures into messages that say what to change, request batching and the validation
 * of index-mapped results.
 */
@NullMarked
package dev.reranker.http;

import org.jspecify.annotations.NullMarked;

/**
 * What every remote rerank provider shares: the HTTP exchange through Spring's
 * {@code RestClient}, the per-call deadline, bounded retries with exponential backoff and
 * jitter (Spring Framework's {@code org.springframework.core.retry}), {@code Retry-After}
 * handling, request batching and the validation of index-mapped results.
 */
@NullMarked
package dev.reranker.http;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of the rerank score cache ({@code reranker.cache.*}): in-process on
 * Caffeine, or shared in Redis through Spring Boot's Redis connection.
 */
@NullMarked
package dev.reranker.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;

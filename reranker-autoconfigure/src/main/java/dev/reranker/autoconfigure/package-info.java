/**
 * Spring Boot auto-configuration of the reranking document post-processor.
 */
@NullMarked
package dev.reranker.autoconfigure;

import org.jspecify.annotations.NullMarked;

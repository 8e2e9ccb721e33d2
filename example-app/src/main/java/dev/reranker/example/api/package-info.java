/**
 * The HTTP API: search, rerank and ask.
 */
@NullMarked
package dev.reranker.example.api;

import org.jspecify.annotations.NullMarked;

/**
 * What the remote provider auto-configurations share: retry settings, the HTTP client
 * derived from Spring Boot's {@code RestClient.Builder}, API key resolution and its
 * failure analysis.
 */
@NullMarked
package dev.reranker.autoconfigure.http;

import org.jspecify.annotations.NullMarked;

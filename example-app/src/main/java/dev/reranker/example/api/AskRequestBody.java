package dev.reranker.example.api;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/ask}.
 *
 * @param question the question
 */
public record AskRequestBody(@Nullable String question) {
}

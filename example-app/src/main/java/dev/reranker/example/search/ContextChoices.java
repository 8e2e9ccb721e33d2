package dev.reranker.example.search;

import org.jspecify.annotations.Nullable;

import dev.reranker.context.ContextOrdering;

/**
 * Per-request choices of the context steps the page exposes; {@code null} keeps the
 * configured value ({@code reranker.ordering}, {@code reranker.token-budget},
 * {@code reranker.long-documents.*}).
 *
 * @param ordering the order of the documents in the prompt
 * @param tokenBudget tokens the context may take
 * @param maxPassage whether long documents are scored by their best window
 * ({@code false}: truncated)
 * @param window tokens per window, with max-passage ({@code null}: the model's room)
 */
public record ContextChoices(@Nullable ContextOrdering ordering, @Nullable Integer tokenBudget,
		@Nullable Boolean maxPassage, @Nullable Integer window) {

	/** The configured steps, unchanged. */
	public static final ContextChoices CONFIGURED = new ContextChoices(null, null, null, null);

}

package dev.reranker.example.api;

import java.util.List;

import dev.reranker.example.search.RankedPassage;

/**
 * {@code POST /api/ask} was called but no chat model is configured. Carries the reranked
 * context that would have been sent.
 */
class NoChatModelException extends RuntimeException {

	private final List<RankedPassage> context;

	NoChatModelException(List<RankedPassage> context) {
		super("No chat model is configured");
		this.context = context;
	}

	List<RankedPassage> context() {
		return this.context;
	}

}

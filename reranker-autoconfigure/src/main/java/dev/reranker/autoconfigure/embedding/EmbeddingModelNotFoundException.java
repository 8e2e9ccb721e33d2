package dev.reranker.autoconfigure.embedding;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when {@code reranker.provider=embedding} cannot find the
 * {@code EmbeddingModel} bean to rescore with.
 * {@link EmbeddingModelNotFoundFailureAnalyzer} explains what to change.
 */
public class EmbeddingModelNotFoundException extends RuntimeException {

	private final @Nullable String requestedBean;

	private final List<String> candidates;

	public EmbeddingModelNotFoundException(@Nullable String requestedBean, List<String> candidates) {
		super((requestedBean != null)
				? "No EmbeddingModel bean named '" + requestedBean + "' (reranker.embedding.model-bean)"
				: "No unique EmbeddingModel bean for reranker.provider=embedding; candidates: " + candidates);
		this.requestedBean = requestedBean;
		this.candidates = List.copyOf(candidates);
	}

	public @Nullable String getRequestedBean() {
		return this.requestedBean;
	}

	public List<String> getCandidates() {
		return this.candidates;
	}

}

package dev.reranker.autoconfigure.embedding;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains which EmbeddingModel bean the 'embedding' rerank provider could not find.
 */
class EmbeddingModelNotFoundFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddingModelNotFoundException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddingModelNotFoundException cause) {
		String found = cause.getCandidates().isEmpty() ? "none" : String.join(", ", cause.getCandidates());
		String description = (cause.getRequestedBean() != null)
				? "reranker.embedding.model-bean is '" + cause.getRequestedBean()
						+ "' but no EmbeddingModel bean has that name (EmbeddingModel beans found: " + found + ")."
				: "reranker.provider=embedding rescores with a Spring AI EmbeddingModel bean, but there is no single "
						+ "one to pick (EmbeddingModel beans found: " + found + ").";
		String action = cause.getCandidates().isEmpty()
				? "Add a Spring AI embedding model starter (or define an EmbeddingModel bean), or choose another "
						+ "reranker.provider."
				: "Set reranker.embedding.model-bean to one of: " + found + ".";
		return new FailureAnalysis(description, action, cause);
	}

}

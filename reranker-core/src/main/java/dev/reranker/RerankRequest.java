package dev.reranker;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelRequest;
import org.springframework.util.Assert;

/**
 * A query and the texts to score against it.
 *
 * @param query the query, never blank
 * @param documents the texts to score, in the order their results are indexed
 * @param options options for this call, or {@code null} for the model's defaults
 */
public record RerankRequest(String query, List<String> documents,
		@Nullable RerankOptions options) implements ModelRequest<List<String>> {

	public RerankRequest {
		Assert.hasText(query, "query must not be null or blank");
		Assert.notNull(documents, "documents must not be null");
		Assert.noNullElements(documents, "documents must not contain null elements");
		documents = List.copyOf(documents);
	}

	/**
	 * Creates a request that uses the model's default options.
	 * @param query the query
	 * @param documents the texts to score
	 */
	public RerankRequest(String query, List<String> documents) {
		this(query, documents, null);
	}

	@Override
	public List<String> getInstructions() {
		return this.documents;
	}

	@Override
	public @Nullable RerankOptions getOptions() {
		return this.options;
	}

}

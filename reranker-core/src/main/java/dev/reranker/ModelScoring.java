package dev.reranker;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One scoring call of {@link RerankingDocumentPostProcessor}: the model's default options
 * merged with the post-processor's (every document scored: top-n is the policy's job),
 * and the response checked to hold one valid score per text.
 */
final class ModelScoring {

	private final RerankModel model;

	private final @Nullable RerankOptions options;

	ModelScoring(RerankModel model, @Nullable RerankOptions options) {
		this.model = model;
		this.options = options;
	}

	double[] score(String query, List<String> texts) {
		RerankOptions callOptions = this.model.getDefaultOptions().merge(this.options).mutate().topN(null).build();
		RerankResponse response = this.model.call(new RerankRequest(query, texts, callOptions));
		if (response == null) {
			throw new RerankException(this.model.getProviderName(), "the model returned no response");
		}
		try {
			return response.scoresByIndex(texts.size());
		}
		catch (IllegalStateException ex) {
			throw new RerankException(this.model.getProviderName(),
					"invalid response for " + texts.size() + " documents: " + ex.getMessage(), ex);
		}
	}

	@Nullable String modelName() {
		String name = (this.options != null) ? this.options.getModel() : null;
		return (name != null) ? name : this.model.getDefaultOptions().getModel();
	}

}

package dev.reranker.autoconfigure.context;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.reranker.context.ContextPolicy;
import dev.reranker.context.MaximalMarginalRelevance;
import dev.reranker.context.NearDuplicates;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Diversity of the returned documents, under {@code reranker.diversity.*}: applied after
 * top-n, min-score and cutoff, before the token budget and the ordering: first
 * near-duplicates are dropped, then the kept documents are reordered by maximal marginal
 * relevance.
 */
@ConfigurationProperties(prefix = RerankerDiversityProperties.PREFIX)
public class RerankerDiversityProperties implements Validator {

	/** Prefix of these properties. */
	public static final String PREFIX = "reranker.diversity";

	/**
	 * Jaccard similarity of 3-word shingles, in (0, 1], from which two returned documents
	 * count as near-duplicates; only the better-ranked one is kept. Unset: off.
	 */
	private @Nullable Double nearDuplicates;

	/**
	 * Weight of relevance against diversity, in [0, 1], for reordering the returned
	 * documents by maximal marginal relevance (1 keeps the ranked order). Similarity
	 * between documents is the cosine of their embeddings from the application's
	 * EmbeddingModel bean. Unset: off.
	 */
	private @Nullable Double mmrLambda;

	public @Nullable Double getNearDuplicates() {
		return this.nearDuplicates;
	}

	public void setNearDuplicates(@Nullable Double nearDuplicates) {
		this.nearDuplicates = nearDuplicates;
	}

	public @Nullable Double getMmrLambda() {
		return this.mmrLambda;
	}

	public void setMmrLambda(@Nullable Double mmrLambda) {
		this.mmrLambda = mmrLambda;
	}

	/**
	 * Adds the diversity steps these properties select to a context policy.
	 * @param builder the policy being built
	 * @param embeddingModels the application's embedding models, used only when
	 * {@code reranker.diversity.mmr-lambda} is set
	 * @return the builder
	 * @throws IllegalStateException when mmr-lambda is set and there is no single (or
	 * {@code @Primary}) EmbeddingModel bean
	 */
	public ContextPolicy.Builder applyTo(ContextPolicy.Builder builder,
			ObjectProvider<EmbeddingModel> embeddingModels) {
		if (this.nearDuplicates != null) {
			builder.nearDuplicates(NearDuplicates.of(this.nearDuplicates));
		}
		if (this.mmrLambda != null) {
			EmbeddingModel model = embeddingModel(embeddingModels);
			builder.maximalMarginalRelevance(MaximalMarginalRelevance.of(this.mmrLambda,
					(documents) -> model.embed(documents.stream()
						.map((document) -> Objects.requireNonNullElse(document.getText(), ""))
						.toList())));
		}
		return builder;
	}

	private static EmbeddingModel embeddingModel(ObjectProvider<EmbeddingModel> embeddingModels) {
		EmbeddingModel model = embeddingModels.getIfUnique();
		if (model != null) {
			return model;
		}
		List<EmbeddingModel> all = embeddingModels.stream().toList();
		if (all.isEmpty()) {
			throw new IllegalStateException(PREFIX + ".mmr-lambda is set but there is no EmbeddingModel bean to embed "
					+ "the documents with: add a Spring AI embedding model (e.g. a spring-ai-starter-model-* starter) "
					+ "or unset " + PREFIX + ".mmr-lambda");
		}
		throw new IllegalStateException(PREFIX + ".mmr-lambda is set and there are " + all.size()
				+ " EmbeddingModel beans, none @Primary: mark the one to embed the documents with @Primary, or unset "
				+ PREFIX + ".mmr-lambda");
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerDiversityProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerDiversityProperties properties = (RerankerDiversityProperties) target;
		Double threshold = properties.getNearDuplicates();
		if (threshold != null && !(threshold > 0 && threshold <= 1)) {
			errors.rejectValue("nearDuplicates", PREFIX + ".near-duplicates.range", PREFIX
					+ ".near-duplicates must be greater than 0 and at most 1 (a Jaccard similarity; unset it to keep"
					+ " near-duplicates)");
		}
		Double lambda = properties.getMmrLambda();
		if (lambda != null && !(lambda >= 0 && lambda <= 1)) {
			errors.rejectValue("mmrLambda", PREFIX + ".mmr-lambda.range",
					PREFIX + ".mmr-lambda must be between 0 and 1 (1 keeps the ranked order; unset it for no MMR)");
		}
	}

}

package dev.reranker.autoconfigure.context;

import org.jspecify.annotations.Nullable;

import dev.reranker.Cutoff;
import dev.reranker.context.ContextOrdering;
import dev.reranker.context.ContextPolicy;
import dev.reranker.context.DocumentTemplate;
import dev.reranker.context.TokenBudget;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How the reranked list becomes the LLM's context, under {@code reranker.*}: the document
 * template and long documents ({@link RerankerLongDocumentsProperties}) shape what the
 * model scores; then, in this order after top-n and min-score: cutoff, diversity
 * ({@link RerankerDiversityProperties}), token budget, ordering.
 */
@ConfigurationProperties(prefix = "reranker")
public class RerankerContextProperties implements Validator {

	/**
	 * Adaptive cutoff: 'none', 'relative' (keep documents scoring at least
	 * reranker.cutoff.ratio times the best score) or 'gap' (cut at the largest drop
	 * between consecutive scores). Within top-n; min-results still holds.
	 */
	private CutoffMode cutoff = CutoffMode.NONE;

	/**
	 * Tokens the returned documents may take together, estimated with JTokkit. The best
	 * documents that fit are kept in rank order; one that does not fit is skipped, a
	 * later smaller one may still fit. Unset: no budget.
	 */
	private @Nullable Integer tokenBudget;

	/**
	 * Order of the returned documents: 'score' (best first) or 'lost-in-the-middle' (best
	 * at both ends, weakest in the middle).
	 */
	private ContextOrdering ordering = ContextOrdering.SCORE;

	/**
	 * What the model reads for each document, e.g. '{title} {text}': {text} is the
	 * document's text, {key} a metadata value (empty when missing). Only the scored text
	 * changes; returned documents keep their own. Unset: the text alone.
	 */
	private @Nullable String documentTemplate;

	public CutoffMode getCutoff() {
		return this.cutoff;
	}

	public void setCutoff(CutoffMode cutoff) {
		this.cutoff = cutoff;
	}

	public @Nullable Integer getTokenBudget() {
		return this.tokenBudget;
	}

	public void setTokenBudget(@Nullable Integer tokenBudget) {
		this.tokenBudget = tokenBudget;
	}

	public ContextOrdering getOrdering() {
		return this.ordering;
	}

	public void setOrdering(ContextOrdering ordering) {
		this.ordering = ordering;
	}

	public @Nullable String getDocumentTemplate() {
		return this.documentTemplate;
	}

	public void setDocumentTemplate(@Nullable String documentTemplate) {
		this.documentTemplate = documentTemplate;
	}

	/**
	 * @return the context policy these properties select
	 */
	public ContextPolicy contextPolicy() {
		return contextPolicyBuilder().build();
	}

	/**
	 * @return a builder of the context policy these properties select, to add the
	 * diversity steps to
	 */
	public ContextPolicy.Builder contextPolicyBuilder() {
		return ContextPolicy.builder()
			.documentTemplate((this.documentTemplate != null) ? DocumentTemplate.of(this.documentTemplate)
					: DocumentTemplate.TEXT)
			.tokenBudget((this.tokenBudget != null) ? TokenBudget.of(this.tokenBudget) : null)
			.ordering(this.ordering);
	}

	/**
	 * @param ratio {@code reranker.cutoff.ratio}
	 * @return the cutoff these properties select
	 */
	public Cutoff cutoff(double ratio) {
		return switch (this.cutoff) {
			case NONE -> Cutoff.NONE;
			case RELATIVE -> Cutoff.relative(ratio);
			case GAP -> Cutoff.gap();
		};
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerContextProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerContextProperties properties = (RerankerContextProperties) target;
		Integer budget = properties.getTokenBudget();
		if (budget != null && budget < 1) {
			errors.rejectValue("tokenBudget", "reranker.token-budget.range",
					"reranker.token-budget must be at least 1 token (unset it for no budget)");
		}
		String template = properties.getDocumentTemplate();
		if (template != null && !template.matches("(?s).*\\{[^{}]+}.*")) {
			errors.rejectValue("documentTemplate", "reranker.document-template.placeholder",
					"reranker.document-template must contain a placeholder: {text} for the document's text, {key} for"
							+ " a metadata value, e.g. '{title} {text}'");
		}
	}

}

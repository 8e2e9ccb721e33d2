package dev.reranker.example.search;

import dev.reranker.RerankModel;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.context.ContextOrdering;
import dev.reranker.context.ContextPolicy;
import dev.reranker.context.TokenBudget;
import dev.reranker.passage.EstimatedTokenWindowing;
import dev.reranker.passage.LongDocuments;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.WindowingRerankModel;

/**
 * The context policies of one demo request, from the configured one and the request's
 * {@link ContextChoices}: one to rank every candidate with (long documents as chosen, no
 * step that drops or reorders), to show the whole reordering, and one for the prompt (the
 * chosen ordering and token budget), applied to the passages that make the cut.
 *
 * @param ranking the policy the candidates are reranked with
 * @param prompt the policy that turns the kept passages into the LLM's context
 */
record ContextSteps(ContextPolicy ranking, ContextPolicy prompt) {

	/**
	 * @param postProcessor the configured post-processor
	 * @param maxWindows {@code reranker.long-documents.max-windows}, for a request that
	 * turns max-passage on
	 * @param choices the request's choices
	 * @return the policies of the request
	 */
	static ContextSteps of(RerankingDocumentPostProcessor postProcessor, int maxWindows, ContextChoices choices) {
		ContextPolicy configured = postProcessor.getContextPolicy();
		LongDocuments longDocuments = longDocuments(postProcessor.getRerankModel(), configured.getLongDocuments(),
				maxWindows, choices);
		ContextPolicy ranking = configured.mutate()
			.longDocuments(longDocuments)
			.nearDuplicates(null)
			.maximalMarginalRelevance(null)
			.tokenBudget(null)
			.ordering(ContextOrdering.SCORE)
			.build();
		ContextPolicy prompt = configured.mutate()
			.longDocuments(longDocuments)
			.ordering((choices.ordering() != null) ? choices.ordering() : configured.getOrdering())
			.tokenBudget((choices.tokenBudget() != null) ? TokenBudget.of(choices.tokenBudget())
					: configured.getTokenBudget())
			.build();
		return new ContextSteps(ranking, prompt);
	}

	/**
	 * @throws IllegalArgumentException when the window does not fit the model
	 */
	private static LongDocuments longDocuments(RerankModel model, LongDocuments configured, int maxWindows,
			ContextChoices choices) {
		boolean maxPassage = (choices.maxPassage() != null) ? choices.maxPassage() : configured.isMaxPassage();
		if (!maxPassage) {
			return LongDocuments.TRUNCATE;
		}
		if (configured.isMaxPassage() && choices.window() == null) {
			return configured;
		}
		PassageWindowing windowing = (configured.getWindowing() != null) ? configured.getWindowing()
				: (model instanceof WindowingRerankModel own) ? own.passageWindowing() : EstimatedTokenWindowing
					.forModel(model.getProviderName(), model.getDefaultOptions().getModel());
		return LongDocuments.maxPassage(windowing)
			.window((choices.window() != null) ? choices.window() : configured.getWindow())
			.maxWindows(configured.isMaxPassage() ? configured.getMaxWindows() : maxWindows)
			.build();
	}

	/**
	 * @return the reranking post-processor of this request: the configured one (model,
	 * options, ranking policy, observation, latency budget) with this request's ranking
	 * context policy
	 */
	RerankingDocumentPostProcessor processor(RerankingDocumentPostProcessor configured) {
		return configured.mutate().contextPolicy(this.ranking).build();
	}

}

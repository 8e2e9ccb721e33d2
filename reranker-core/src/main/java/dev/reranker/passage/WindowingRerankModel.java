package dev.reranker.passage;

import dev.reranker.RerankModel;

/**
 * A {@link RerankModel} that knows its own tokens: {@link LongDocuments#maxPassage} cuts
 * windows with its {@link #passageWindowing()} instead of estimating tokens (the local
 * provider is one).
 */
public interface WindowingRerankModel extends RerankModel {

	/**
	 * @return windows counted in this model's tokens, with the room its input leaves a
	 * document next to a query
	 */
	PassageWindowing passageWindowing();

}

package dev.reranker;

import java.time.Duration;
import java.util.List;

/**
 * A {@link RerankModel} that can predict how many texts it scores within a time budget,
 * such as the local cross-encoder, whose cost follows the texts' token counts. With a
 * latency budget set, {@link RerankingDocumentPostProcessor} asks it how many of the
 * first candidates fit and scores only those; a model that cannot predict its cost (a
 * remote API) gets the budget as the deadline of its call instead.
 */
public interface BudgetedRerankModel extends RerankModel {

	/**
	 * How many of the texts, taken from the first, this model scores within the budget.
	 * @param query the query
	 * @param texts the candidate texts, in first-stage order
	 * @param budget the time left for scoring
	 * @return a count between 1 and {@code texts.size()} (0 only for no texts): at least
	 * one text is always scored, however small the budget
	 */
	int affordable(String query, List<String> texts, Duration budget);

}

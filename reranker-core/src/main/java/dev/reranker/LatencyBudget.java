package dev.reranker;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * The time one call of {@link RerankingDocumentPostProcessor} may spend scoring: a
 * {@link BudgetedRerankModel} scores the first k candidates it predicts to fit, and the
 * rest follow unscored in first-stage order (as candidates past {@code maxCandidates}
 * do). A remote provider cannot predict its cost; it takes the budget as the deadline of
 * its call ({@code RemoteCallSettings#deadline}, which the auto-configuration caps at the
 * budget). Off when no budget is set.
 */
final class LatencyBudget {

	static final LatencyBudget OFF = new LatencyBudget(null);

	private static final Logger logger = LoggerFactory.getLogger(RerankingDocumentPostProcessor.class);

	private final @Nullable Duration budget;

	private LatencyBudget(@Nullable Duration budget) {
		this.budget = budget;
	}

	static LatencyBudget of(@Nullable Duration budget) {
		if (budget == null) {
			return OFF;
		}
		Assert.isTrue(!budget.isNegative() && !budget.isZero(), () -> "latencyBudget must be positive but was " + budget
				+ " (RerankingDocumentPostProcessor.Builder#latencyBudget)");
		return new LatencyBudget(budget);
	}

	@Nullable Duration budget() {
		return this.budget;
	}

	/**
	 * How many of the first candidates to score.
	 * @param model the model
	 * @param query the query
	 * @param texts the candidates' texts, in first-stage order
	 * @param startNanos when the call started ({@link System#nanoTime()})
	 * @return the count, at least one when there are texts
	 */
	int affordable(RerankModel model, String query, List<String> texts, long startNanos) {
		Duration budget = this.budget;
		if (budget == null || texts.isEmpty() || !(model instanceof BudgetedRerankModel budgeted)) {
			return texts.size();
		}
		Duration left = budget.minusNanos(System.nanoTime() - startNanos);
		int affordable = Math.max(1, Math.min(texts.size(), budgeted.affordable(query, texts, left)));
		logger.debug("Latency budget {} ms: scoring {} of {} candidates with provider '{}'", budget.toMillis(),
				affordable, texts.size(), model.getProviderName());
		return affordable;
	}

}

package dev.reranker.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.util.Assert;

/**
 * Keeps the best documents, in rank order, whose estimated tokens fit a budget. A
 * document that does not fit is skipped and a later, smaller one may still fit; no
 * document is cut mid-text. Tokens are estimated with Spring AI's
 * {@link TokenCountEstimator} (JTokkit's cl100k_base by default), which is close to, not
 * exactly, what a given LLM counts: leave headroom.
 */
public final class TokenBudget {

	private final int maxTokens;

	private final TokenCountEstimator estimator;

	private TokenBudget(int maxTokens, TokenCountEstimator estimator) {
		Assert.isTrue(maxTokens >= 1, () -> "maxTokens must be >= 1 but was " + maxTokens + " (TokenBudget#of)");
		Assert.notNull(estimator, "estimator must not be null (TokenBudget#of)");
		this.maxTokens = maxTokens;
		this.estimator = estimator;
	}

	/**
	 * A budget counted with JTokkit.
	 * @param maxTokens the budget, at least 1
	 * @return the budget
	 */
	public static TokenBudget of(int maxTokens) {
		return of(maxTokens, new JTokkitTokenCountEstimator());
	}

	/**
	 * @param maxTokens the budget, at least 1
	 * @param estimator how to count a document's tokens
	 * @return the budget
	 */
	public static TokenBudget of(int maxTokens, TokenCountEstimator estimator) {
		return new TokenBudget(maxTokens, estimator);
	}

	/**
	 * @param ranked the documents, best first; not changed
	 * @param text a document's text ({@code null} counts as empty)
	 * @param <T> the element type
	 * @return the documents that fit, in the same order
	 */
	public <T> List<T> fit(List<T> ranked, Function<T, @Nullable String> text) {
		List<T> fitting = new ArrayList<>(ranked.size());
		int left = this.maxTokens;
		for (T document : ranked) {
			String content = text.apply(document);
			int tokens = (content != null) ? this.estimator.estimate(content) : 0;
			if (tokens <= left) {
				fitting.add(document);
				left -= tokens;
			}
		}
		return fitting;
	}

	public int getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public String toString() {
		return "TokenBudget{maxTokens=" + this.maxTokens + "}";
	}

}

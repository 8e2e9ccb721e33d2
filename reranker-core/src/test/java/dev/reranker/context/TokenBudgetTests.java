package dev.reranker.context;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TokenBudget} with JTokkit's real counts: the best documents that fit, in rank
 * order; one too big is skipped and a later smaller one still fits; none is cut.
 */
class TokenBudgetTests {

	private static final JTokkitTokenCountEstimator JTOKKIT = new JTokkitTokenCountEstimator();

	@Test
	void documentThatDoesNotFitIsSkippedAndALaterSmallerOneStillFits() {
		String first = words(40);
		String big = words(100);
		String small = words(20);
		int budget = JTOKKIT.estimate(first) + JTOKKIT.estimate(small) + 5;

		List<String> fitting = TokenBudget.of(budget).fit(List.of(first, big, small), Function.identity());

		assertThat(fitting).containsExactly(first, small);
	}

	@Test
	void budgetTooSmallForTheBestDocumentKeepsOnlyWhatFitsWhole() {
		String best = words(50);
		String next = words(3);

		assertThat(TokenBudget.of(10).fit(List.of(best, next), Function.identity())).containsExactly(next);
		assertThat(TokenBudget.of(1).fit(List.of(best), Function.identity())).isEmpty();
	}

	@Test
	void documentsWithoutTextCostNothing() {
		List<String> fitting = TokenBudget.of(1).fit(List.of("a", "b"), text -> null);

		assertThat(fitting).containsExactly("a", "b");
	}

	@Test
	void budgetBelowOneIsRejectedNamingTheMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenBudget.of(0))
			.withMessage("maxTokens must be >= 1 but was 0 (TokenBudget#of)");
	}

	private static String words(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append("word").append(i).append(' ');
		}
		return text.toString().trim();
	}

}

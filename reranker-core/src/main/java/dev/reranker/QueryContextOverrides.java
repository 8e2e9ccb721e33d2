package dev.reranker;

import org.jspecify.annotations.Nullable;

/**
 * Reads the per-call overrides of a {@link RankingPolicy} from query context values,
 * which arrive as numbers or strings (advisor parameters, request attributes).
 */
final class QueryContextOverrides {

	private QueryContextOverrides() {
	}

	static @Nullable Integer topN(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		Integer parsed = null;
		if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
				&& number.doubleValue() <= Integer.MAX_VALUE) {
			// Checked first: intValue() of 4294967301L would wrap around to 5.
			parsed = number.intValue();
		}
		else if (value instanceof CharSequence text) {
			try {
				parsed = Integer.valueOf(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		if (parsed == null || parsed < 1) {
			throw new IllegalArgumentException("Query context value '" + RankingPolicy.TOP_N_CONTEXT_KEY
					+ "' must be an integer >= 1 but was '" + value + "'");
		}
		return parsed;
	}

	static @Nullable Double minScore(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		Double parsed = null;
		if (value instanceof Number number) {
			parsed = number.doubleValue();
		}
		else if (value instanceof CharSequence text) {
			try {
				parsed = Double.valueOf(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		if (parsed == null || !RerankResult.isValidScore(parsed)) {
			throw new IllegalArgumentException("Query context value '" + RankingPolicy.MIN_SCORE_CONTEXT_KEY
					+ "' must be a number between 0 and 1 but was '" + value + "'");
		}
		return parsed;
	}

}

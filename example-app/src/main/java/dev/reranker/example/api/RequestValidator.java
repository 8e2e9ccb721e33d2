package dev.reranker.example.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;
import dev.reranker.context.ContextOrdering;
import dev.reranker.example.AppProperties;
import dev.reranker.example.search.ContextChoices;
import dev.reranker.example.search.RerankDemoService;

import org.springframework.stereotype.Component;

/**
 * Checks API input against the limits in {@code app.limits.*} and the reranker's own
 * settings, with messages that say what was wrong and what to send instead.
 */
@Component
class RequestValidator {

	private final AppProperties.Limits limits;

	private final RerankDemoService service;

	RequestValidator(AppProperties properties, RerankDemoService service) {
		this.limits = properties.limits();
		this.service = service;
	}

	String query(@Nullable String query, String name) {
		if (query == null || query.isBlank()) {
			throw new BadRequestException("'" + name + "' is required and must not be blank");
		}
		if (query.length() > this.limits.maxQueryLength()) {
			throw new BadRequestException("'" + name + "' has " + query.length() + " characters; at most "
					+ this.limits.maxQueryLength() + " are allowed (app.limits.max-query-length)");
		}
		plainText(query, name);
		return query.strip();
	}

	int candidates(int candidates) {
		int max = this.service.maxCandidates();
		if (candidates < 1 || candidates > max) {
			throw new BadRequestException(
					"'candidates' must be between 1 and " + max + " (reranker.max-candidates) but was " + candidates);
		}
		return candidates;
	}

	@Nullable Integer topN(@Nullable Integer topN) {
		int max = this.service.maxCandidates();
		if (topN != null && (topN < 1 || topN > max)) {
			// More than the reranker scores would only be echoed back, never met.
			throw new BadRequestException(
					"'topN' must be between 1 and " + max + " (reranker.max-candidates) but was " + topN);
		}
		return topN;
	}

	@Nullable Double minScore(@Nullable Double minScore) {
		if (minScore != null && !RerankResult.isValidScore(minScore)) {
			throw new BadRequestException("'minScore' must be between 0 and 1 but was " + minScore);
		}
		return minScore;
	}

	/**
	 * The request's context steps: {@code ordering} {@code score|lost-in-the-middle},
	 * {@code tokenBudget} at least 1, {@code longDocuments} {@code truncate|max-passage},
	 * {@code window} at least 1 and only with max-passage.
	 */
	ContextChoices contextChoices(@Nullable String ordering, @Nullable Integer tokenBudget,
			@Nullable String longDocuments, @Nullable Integer window) {
		ContextOrdering order = null;
		if (ordering != null && !ordering.isBlank()) {
			order = switch (ordering.strip()) {
				case "score" -> ContextOrdering.SCORE;
				case "lost-in-the-middle" -> ContextOrdering.LOST_IN_THE_MIDDLE;
				default -> throw new BadRequestException(
						"'ordering' must be 'score' or 'lost-in-the-middle' but was '" + ordering.strip() + "'");
			};
		}
		if (tokenBudget != null && tokenBudget < 1) {
			throw new BadRequestException(
					"'tokenBudget' must be at least 1 token but was " + tokenBudget + "; leave it out for no budget");
		}
		Boolean maxPassage = null;
		if (longDocuments != null && !longDocuments.isBlank()) {
			maxPassage = switch (longDocuments.strip()) {
				case "truncate" -> false;
				case "max-passage" -> true;
				default -> throw new BadRequestException(
						"'longDocuments' must be 'truncate' or 'max-passage' but was '" + longDocuments.strip() + "'");
			};
		}
		if (window != null) {
			if (!Boolean.TRUE.equals(maxPassage)) {
				throw new BadRequestException("'window' applies only with 'longDocuments': 'max-passage'");
			}
			if (window < 1) {
				throw new BadRequestException(
						"'window' must be at least 1 token but was " + window + "; leave it out for the model's room");
			}
		}
		return new ContextChoices(order, tokenBudget, maxPassage, window);
	}

	List<String> passages(@Nullable List<String> passages) {
		if (passages == null || passages.isEmpty()) {
			throw new BadRequestException(
					"'passages' is required: send a JSON array of 1 to " + maxPassages() + " strings");
		}
		if (passages.size() > maxPassages()) {
			throw new BadRequestException("'passages' has " + passages.size() + " entries; at most " + maxPassages()
					+ " are allowed per request (app.limits.max-passages, reranker.max-candidates)");
		}
		for (int i = 0; i < passages.size(); i++) {
			String passage = passages.get(i);
			if (passage == null || passage.isBlank()) {
				throw new BadRequestException("'passages[" + i + "]' is empty; send text in every entry");
			}
			if (passage.length() > this.limits.maxPassageLength()) {
				throw new BadRequestException("'passages[" + i + "]' has " + passage.length() + " characters; at most "
						+ this.limits.maxPassageLength()
						+ " are allowed per passage (app.limits.max-passage-length): split long texts into passages");
			}
			plainText(passage, "passages[" + i + "]");
		}
		return passages;
	}

	/**
	 * Rejects control characters other than tab and line breaks: NUL and the like are
	 * never text, and would reach the model, the logs and the page.
	 */
	private static void plainText(String text, String name) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				throw new BadRequestException(
						"'" + name + "' contains a control character (" + String.format("U+%04X", (int) c)
								+ ") at position " + (i + 1) + "; send plain text (tabs and line breaks are allowed)");
			}
		}
	}

	private int maxPassages() {
		return Math.min(this.limits.maxPassages(), this.service.maxCandidates());
	}

}

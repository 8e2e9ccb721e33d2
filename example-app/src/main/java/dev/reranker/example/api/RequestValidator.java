package dev.reranker.example.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankResult;
import dev.reranker.example.AppProperties;
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
		if (topN != null && topN < 1) {
			throw new BadRequestException("'topN' must be at least 1 but was " + topN);
		}
		return topN;
	}

	@Nullable Double minScore(@Nullable Double minScore) {
		if (minScore != null && !RerankResult.isValidScore(minScore)) {
			throw new BadRequestException("'minScore' must be between 0 and 1 but was " + minScore);
		}
		return minScore;
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
		}
		return passages;
	}

	private int maxPassages() {
		return Math.min(this.limits.maxPassages(), this.service.maxCandidates());
	}

}

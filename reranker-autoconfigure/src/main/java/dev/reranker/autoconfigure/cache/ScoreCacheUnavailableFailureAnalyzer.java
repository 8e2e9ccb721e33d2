package dev.reranker.autoconfigure.cache;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a score cache that cannot be built, and what to add or change.
 */
class ScoreCacheUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<ScoreCacheUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ScoreCacheUnavailableException cause) {
		String action = switch (cause.getType()) {
			case LOCAL -> "Add com.github.ben-manes.caffeine:caffeine to the application's dependencies, or set "
					+ "reranker.cache.type=none.";
			case REDIS -> "Add org.springframework.boot:spring-boot-starter-data-redis to the application's "
					+ "dependencies and point spring.data.redis.host / spring.data.redis.port (or "
					+ "spring.data.redis.url) at the Redis every instance shares; or define a ScoreCache bean of "
					+ "your own; or set reranker.cache.type=local (per instance) or none.";
			case NONE -> "Set reranker.cache.type=none.";
		};
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}

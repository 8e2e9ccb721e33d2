package dev.reranker.autoconfigure.cache;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches when {@code reranker.cache.type} is {@code local} or {@code redis}.
 */
class OnScoreCacheEnabledCondition extends AnyNestedCondition {

	OnScoreCacheEnabledCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnProperty(name = RerankerCacheProperties.PREFIX + ".type", havingValue = "local")
	static class Local {

	}

	@ConditionalOnProperty(name = RerankerCacheProperties.PREFIX + ".type", havingValue = "redis")
	static class Redis {

	}

}

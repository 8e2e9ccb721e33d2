package dev.reranker.autoconfigure.cache;

import dev.reranker.autoconfigure.cache.RerankerCacheProperties.Type;

/**
 * Thrown at start-up when {@code reranker.cache.type} asks for a cache that cannot be
 * built: its library is not on the class path, or (for Redis) there is no Redis
 * connection. {@link ScoreCacheUnavailableFailureAnalyzer} turns it into advice.
 */
public class ScoreCacheUnavailableException extends RuntimeException {

	private final Type type;

	public ScoreCacheUnavailableException(Type type, String problem) {
		super("reranker.cache.type=" + type.name().toLowerCase(java.util.Locale.ROOT) + " but " + problem);
		this.type = type;
	}

	public Type getType() {
		return this.type;
	}

}

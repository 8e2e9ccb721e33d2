package dev.reranker.cache;

/**
 * A {@link ScoreCache} could not answer, or not within its timeout.
 * {@link CachingRerankModel} catches it (as any other exception of the cache), counts it
 * and scores without the cache.
 */
public class ScoreCacheException extends RuntimeException {

	public ScoreCacheException(String message, Throwable cause) {
		super(message, cause);
	}

	public ScoreCacheException(String message) {
		super(message);
	}

}

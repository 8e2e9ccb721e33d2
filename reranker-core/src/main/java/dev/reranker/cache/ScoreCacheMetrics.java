package dev.reranker.cache;

/**
 * What {@link CachingRerankModel} reports about its cache: hits, misses, errors and the
 * time spent in the cache. {@link MicrometerScoreCacheMetrics} records them as meters.
 */
public interface ScoreCacheMetrics {

	/** Reports nothing. */
	ScoreCacheMetrics NOOP = new ScoreCacheMetrics() {
	};

	/** The two things a call asks of the cache. */
	enum Operation {

		/** Looking up the scores of a call's documents. */
		GET,

		/** Storing the scores the model computed. */
		PUT

	}

	/**
	 * Documents of a call whose score came from the cache.
	 * @param count how many
	 */
	default void hits(int count) {
	}

	/**
	 * Documents of a call that had to be sent to the model (including those of calls
	 * where the cache failed).
	 * @param count how many
	 */
	default void misses(int count) {
	}

	/**
	 * A call left the cache alone because it failed shortly before (cool-down).
	 */
	default void bypassed() {
	}

	/**
	 * One cache operation took {@code nanos}, successful or not.
	 * @param operation the operation
	 * @param nanos the time spent
	 */
	default void timed(Operation operation, long nanos) {
	}

	/**
	 * One cache operation failed or timed out, and the call went on without the cache.
	 * @param operation the operation
	 * @param error what went wrong
	 */
	default void error(Operation operation, Throwable error) {
	}

}

package dev.reranker.cache;

import java.util.List;
import java.util.Map;

/**
 * Where {@link CachingRerankModel} keeps scores: a map from a hashed key (see
 * {@link ScoreKeys}) to a score in {@code [0, 1]}. Implementations are thread-safe and do
 * one round trip per call of each method, whatever the number of keys.
 * <p>
 * A failing or slow cache must not fail a rerank call: implementations throw (a timeout
 * included) and the caller counts the error and carries on without the cache.
 */
public interface ScoreCache {

	/**
	 * Looks up many keys at once.
	 * @param keys the keys, possibly with repeats
	 * @return the scores found, by key; keys not found are absent
	 * @throws RuntimeException when the cache cannot answer (in time)
	 */
	Map<String, Double> getAll(List<String> keys);

	/**
	 * Stores many scores at once.
	 * @param scores the scores by key
	 * @throws RuntimeException when the cache cannot store them (in time)
	 */
	void putAll(Map<String, Double> scores);

	/**
	 * A short name of the kind of cache ({@code local}, {@code redis}), used as the
	 * {@code cache} tag of the cache metrics.
	 * @return the name
	 */
	default String getName() {
		return "custom";
	}

}

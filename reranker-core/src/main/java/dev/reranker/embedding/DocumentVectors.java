package dev.reranker.embedding;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Document vectors kept between calls of {@link EmbeddingRerankModel}, keyed by a hash of
 * the text: the same documents come back query after query, and a cached vector costs
 * nothing to embed again. Implementations are bounded and thread-safe.
 *
 * @see CaffeineDocumentVectors
 */
public interface DocumentVectors {

	/**
	 * The vectors known for some keys.
	 * @param keys the text hashes ({@link #key(String)})
	 * @return the known vectors by key; missing keys are absent
	 */
	Map<String, float[]> getAll(List<String> keys);

	/**
	 * Remembers a vector.
	 * @param key the text hash
	 * @param vector the vector, not changed afterwards
	 */
	void put(String key, float[] vector);

	/**
	 * The key of a text: its SHA-256, so the cache never holds the text itself.
	 * @param text the text
	 * @return the hex digest
	 */
	static String key(String text) {
		return TextHash.sha256(text);
	}

	/** A cache that keeps nothing. */
	DocumentVectors NONE = new DocumentVectors() {

		@Override
		public Map<String, float[]> getAll(List<String> keys) {
			return Map.of();
		}

		@Override
		public void put(String key, float @Nullable [] vector) {
		}

		@Override
		public String toString() {
			return "DocumentVectors.NONE";
		}

	};

}

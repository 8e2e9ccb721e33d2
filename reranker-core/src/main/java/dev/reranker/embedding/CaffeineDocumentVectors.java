package dev.reranker.embedding;

import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.util.Assert;

/**
 * {@link DocumentVectors} in this JVM, bounded by a number of vectors (Caffeine's
 * size-based eviction, which keeps the vectors used most recently and most often). Needs
 * {@code com.github.ben-manes.caffeine:caffeine} on the class path.
 */
public final class CaffeineDocumentVectors implements DocumentVectors {

	/** Default number of vectors kept: about 15 MB of 384-dimension vectors. */
	public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

	private final Cache<String, float[]> cache;

	private final long maximumSize;

	/**
	 * @param maximumSize the number of vectors kept at most
	 */
	public CaffeineDocumentVectors(long maximumSize) {
		Assert.isTrue(maximumSize >= 1, () -> "maximumSize must be at least 1 but was " + maximumSize
				+ " (CaffeineDocumentVectors(maximumSize))");
		this.maximumSize = maximumSize;
		this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
	}

	@Override
	public Map<String, float[]> getAll(List<String> keys) {
		return this.cache.getAllPresent(keys);
	}

	@Override
	public void put(String key, float[] vector) {
		this.cache.put(key, vector);
	}

	/** The number of vectors held now, after pending evictions. */
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	@Override
	public String toString() {
		return "CaffeineDocumentVectors{maximumSize=" + this.maximumSize + "}";
	}

}

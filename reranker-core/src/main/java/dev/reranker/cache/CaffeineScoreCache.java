package dev.reranker.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An in-process {@link ScoreCache} on Caffeine: at most {@code maxSize} scores (least
 * recently and frequently used ones go first), each kept at most {@code ttl} after it was
 * written. Per instance of the application: use {@link RedisScoreCache} to share scores
 * between instances.
 */
public final class CaffeineScoreCache implements ScoreCache {

	/** Default number of scores kept. */
	public static final long DEFAULT_MAX_SIZE = 100_000;

	private final Cache<String, Double> cache;

	private CaffeineScoreCache(Builder builder) {
		Caffeine<Object, Object> caffeine = Caffeine.newBuilder().maximumSize(builder.maxSize);
		if (builder.ttl != null) {
			caffeine.expireAfterWrite(builder.ttl);
		}
		if (builder.ticker != null) {
			caffeine.ticker(builder.ticker);
		}
		if (builder.sameThread) {
			caffeine.executor(Runnable::run);
		}
		this.cache = caffeine.build();
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Map<String, Double> getAll(List<String> keys) {
		return this.cache.getAllPresent(keys);
	}

	@Override
	public void putAll(Map<String, Double> scores) {
		this.cache.putAll(scores);
	}

	@Override
	public String getName() {
		return "local";
	}

	/**
	 * The number of scores held, after pending evictions are done (for tests and
	 * diagnostics).
	 * @return the number of entries
	 */
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	@Override
	public String toString() {
		return "CaffeineScoreCache{size=" + this.cache.estimatedSize() + "}";
	}

	/** Builder for {@link CaffeineScoreCache}. */
	public static final class Builder {

		private long maxSize = DEFAULT_MAX_SIZE;

		private @Nullable Duration ttl;

		private @Nullable Ticker ticker;

		private boolean sameThread;

		private Builder() {
		}

		/** How many scores to keep at most; default 100,000 (a few MB). */
		public Builder maxSize(long maxSize) {
			Assert.isTrue(maxSize >= 0,
					() -> "maxSize must be >= 0 but was " + maxSize + " (CaffeineScoreCache.Builder#maxSize)");
			this.maxSize = maxSize;
			return this;
		}

		/**
		 * How long after it was written a score is kept; {@code null} (default) keeps it
		 * until evicted.
		 */
		public Builder ttl(@Nullable Duration ttl) {
			Assert.isTrue(ttl == null || (!ttl.isNegative() && !ttl.isZero()),
					() -> "ttl must be positive but was " + ttl + " (CaffeineScoreCache.Builder#ttl)");
			this.ttl = ttl;
			return this;
		}

		/** The time source of expiry; default the system's (tests pass a fake one). */
		public Builder ticker(@Nullable Ticker ticker) {
			this.ticker = ticker;
			return this;
		}

		/**
		 * Whether evictions run on the calling thread instead of the common pool, which
		 * makes size limits exact at once (for tests); default false.
		 */
		public Builder evictOnCallingThread(boolean sameThread) {
			this.sameThread = sameThread;
			return this;
		}

		public CaffeineScoreCache build() {
			return new CaffeineScoreCache(this);
		}

	}

}

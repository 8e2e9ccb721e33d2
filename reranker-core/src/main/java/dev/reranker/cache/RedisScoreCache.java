package dev.reranker.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SetCondition;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link ScoreCache} in Redis, shared by every instance of the application that uses
 * the same Redis and key prefix. One call's look-up is one {@code MGET}; its writes are
 * {@code SET key score PX ttl} commands sent together and awaited together (on Lettuce,
 * the shared connection; on other clients, a Spring Data pipeline): one round trip each,
 * whatever the number of documents. Scores are stored as their shortest exact decimal
 * form, so they read back bit for bit.
 * <p>
 * Every operation is bounded by {@code timeout}, whatever the connection's own command
 * timeout (Lettuce queues commands while it reconnects, by default for up to a minute):
 * it runs on a small pool of daemon threads owned by this cache, and the caller stops
 * waiting when the timeout passes. When all threads are busy (Redis hangs under load), an
 * operation fails at once instead of queueing. Close the cache to stop the pool.
 */
public final class RedisScoreCache implements ScoreCache, AutoCloseable {

	/** Default prefix of every key. */
	public static final String DEFAULT_KEY_PREFIX = "reranker:score:";

	/** Default longest wait for Redis per operation. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

	/** Default number of operations in flight at once. */
	public static final int DEFAULT_MAX_CONCURRENCY = 32;

	private static final AtomicInteger POOLS = new AtomicInteger();

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent(
			"io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands", RedisScoreCache.class.getClassLoader());

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final Expiration expiration;

	private final @Nullable Duration ttl;

	private final Duration timeout;

	private final ThreadPoolExecutor executor;

	private RedisScoreCache(Builder builder) {
		Assert.notNull(builder.redis,
				"redisTemplate or connectionFactory must be set (RedisScoreCache.Builder#redisTemplate)");
		this.redis = builder.redis;
		this.keyPrefix = builder.keyPrefix;
		this.ttl = builder.ttl;
		this.expiration = (builder.ttl != null) ? Expiration.from(builder.ttl) : Expiration.persistent();
		this.timeout = builder.timeout;
		int pool = POOLS.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(0, builder.maxConcurrency, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable,
							"reranker-score-cache-" + pool + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Map<String, Double> getAll(List<String> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		List<String> redisKeys = keys.stream().map((key) -> this.keyPrefix + key).toList();
		List<String> values = within("MGET of " + keys.size() + " keys",
				() -> this.redis.opsForValue().multiGet(redisKeys));
		Map<String, Double> found = new HashMap<>();
		if (values == null) {
			return found;
		}
		for (int i = 0; i < keys.size() && i < values.size(); i++) {
			String value = values.get(i);
			if (value != null) {
				try {
					found.put(keys.get(i), Double.valueOf(value));
				}
				catch (NumberFormatException ex) {
					// Not written by this cache (or by an older format): a miss,
					// overwritten
					// with the model's score.
				}
			}
		}
		return found;
	}

	@Override
	public void putAll(Map<String, Double> scores) {
		if (scores.isEmpty()) {
			return;
		}
		within("pipeline of " + scores.size() + " SETs", () -> this.redis.execute(setAll(scores)));
	}

	// Lettuce: the SETs go out together on the shared connection and are awaited together
	// (Spring Data's own pipelining would open a dedicated connection per call unless a
	// pool is configured). Other clients: Spring Data's pipeline.
	@SuppressWarnings("NullAway") // RedisCallback may return null; NullAway does not see
									// it through T
	private RedisCallback<Object> setAll(Map<String, Double> scores) {
		return (connection) -> {
			if (LETTUCE_PRESENT && LettuceWrites.setAll(connection, scores, this.keyPrefix, this.ttl, this.timeout)) {
				return null;
			}
			connection.openPipeline();
			try {
				for (Map.Entry<String, Double> entry : scores.entrySet()) {
					connection.stringCommands()
						.set(bytes(this.keyPrefix + entry.getKey()), bytes(Double.toString(entry.getValue())),
								SetCondition.upsert(), this.expiration);
				}
			}
			finally {
				connection.closePipeline();
			}
			return null;
		};
	}

	private <T> @Nullable T within(String what, Supplier<@Nullable T> operation) {
		CompletableFuture<@Nullable T> future;
		try {
			future = CompletableFuture.supplyAsync(operation, this.executor);
		}
		catch (RejectedExecutionException ex) {
			throw new ScoreCacheException("Redis score cache is busy: " + this.executor.getMaximumPoolSize()
					+ " operations already in flight (RedisScoreCache.Builder#maxConcurrency)", ex);
		}
		try {
			return future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new ScoreCacheException("Redis did not answer a " + what + " within " + this.timeout.toMillis()
					+ " ms (RedisScoreCache.Builder#timeout)", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new ScoreCacheException("Redis failed a " + what + ": " + cause.getMessage(), cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			throw new ScoreCacheException("interrupted while waiting for Redis (" + what + ")", ex);
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String getName() {
		return "redis";
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	/** Stops the cache's threads; the Redis connection stays its owner's. */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "RedisScoreCache{keyPrefix=" + this.keyPrefix + ", timeout=" + this.timeout + "}";
	}

	/** Builder for {@link RedisScoreCache}. */
	public static final class Builder {

		private @Nullable StringRedisTemplate redis;

		private String keyPrefix = DEFAULT_KEY_PREFIX;

		private @Nullable Duration ttl;

		private Duration timeout = DEFAULT_TIMEOUT;

		private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

		private Builder() {
		}

		/** The Redis to use, e.g. Spring Boot's auto-configured template. */
		public Builder redisTemplate(StringRedisTemplate redisTemplate) {
			this.redis = redisTemplate;
			return this;
		}

		/** The Redis to use, through a template made over this connection factory. */
		public Builder connectionFactory(RedisConnectionFactory connectionFactory) {
			Assert.notNull(connectionFactory,
					"connectionFactory must not be null (RedisScoreCache.Builder#connectionFactory)");
			this.redis = new StringRedisTemplate(connectionFactory);
			return this;
		}

		/**
		 * Prefix of every key; default {@value #DEFAULT_KEY_PREFIX}. Applications that
		 * must not share scores use different prefixes; a new prefix also starts an empty
		 * cache.
		 */
		public Builder keyPrefix(String keyPrefix) {
			Assert.notNull(keyPrefix, "keyPrefix must not be null (RedisScoreCache.Builder#keyPrefix)");
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * How long Redis keeps a score (rounded to milliseconds); {@code null} (default)
		 * keeps it until Redis evicts it.
		 */
		public Builder ttl(@Nullable Duration ttl) {
			Assert.isTrue(ttl == null || ttl.toMillis() > 0,
					() -> "ttl must be at least 1 ms but was " + ttl + " (RedisScoreCache.Builder#ttl)");
			this.ttl = ttl;
			return this;
		}

		/** The longest wait for Redis per operation; default 250 ms. */
		public Builder timeout(Duration timeout) {
			Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(),
					() -> "timeout must be positive but was " + timeout + " (RedisScoreCache.Builder#timeout)");
			this.timeout = timeout;
			return this;
		}

		/**
		 * How many operations may wait for Redis at once before more fail at once;
		 * default 32.
		 */
		public Builder maxConcurrency(int maxConcurrency) {
			Assert.isTrue(maxConcurrency >= 1, () -> "maxConcurrency must be >= 1 but was " + maxConcurrency
					+ " (RedisScoreCache.Builder#maxConcurrency)");
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		public RedisScoreCache build() {
			return new RedisScoreCache(this);
		}

	}

}

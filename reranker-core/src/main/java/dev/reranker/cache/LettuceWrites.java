package dev.reranker.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;

/**
 * The Lettuce-only part of {@link RedisScoreCache}, in a class of its own so that it is
 * loaded only when Lettuce is on the class path.
 */
final class LettuceWrites {

	private LettuceWrites() {
	}

	/**
	 * Sends every SET at once on the connection's shared native connection and waits for
	 * all replies.
	 * @return false when the connection is not a shared Lettuce one (the caller then
	 * pipelines through Spring Data)
	 */
	@SuppressWarnings("unchecked")
	static boolean setAll(RedisConnection connection, Map<String, Double> scores, String keyPrefix,
			@Nullable Duration ttl, Duration timeout) {
		if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> commands)) {
			return false;
		}
		RedisClusterAsyncCommands<byte[], byte[]> async = (RedisClusterAsyncCommands<byte[], byte[]>) commands;
		SetArgs args = (ttl != null) ? SetArgs.Builder.px(ttl.toMillis()) : new SetArgs();
		List<RedisFuture<String>> replies = new ArrayList<>(scores.size());
		for (Map.Entry<String, Double> entry : scores.entrySet()) {
			replies.add(async.set((keyPrefix + entry.getKey()).getBytes(StandardCharsets.UTF_8),
					Double.toString(entry.getValue()).getBytes(StandardCharsets.UTF_8), args));
		}
		if (!LettuceFutures.awaitAll(timeout.toNanos(), TimeUnit.NANOSECONDS, replies.toArray(new RedisFuture<?>[0]))) {
			throw new ScoreCacheException("Redis did not acknowledge " + scores.size() + " SETs within "
					+ timeout.toMillis() + " ms (RedisScoreCache.Builder#timeout)");
		}
		return true;
	}

}

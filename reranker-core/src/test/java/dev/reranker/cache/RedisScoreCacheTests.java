package dev.reranker.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankRequest;
import dev.reranker.testfixtures.redis.RedisExtension;
import dev.reranker.testfixtures.redis.RedisServerProcess;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisScoreCacheTests {

	@RegisterExtension
	static final RedisExtension redis = new RedisExtension();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	private LettuceConnectionFactory connect(int port, Duration commandTimeout) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build());
		factory.afterPropertiesSet();
		factory.start();
		this.closeables.add(factory::destroy);
		return factory;
	}

	private RedisScoreCache cache(LettuceConnectionFactory factory, String prefix, Duration ttl) {
		RedisScoreCache cache = RedisScoreCache.builder()
			.connectionFactory(factory)
			.keyPrefix(prefix)
			.ttl(ttl)
			.timeout(Duration.ofSeconds(3))
			.build();
		this.closeables.add(cache);
		return cache;
	}

	@Test
	void scoresReadBackBitForBitWithTheirTtl() throws IOException {
		String prefix = redis.keyPrefix() + "exact:";
		RedisScoreCache cache = cache(connect(RedisExtension.port(), Duration.ofSeconds(5)), prefix,
				Duration.ofMinutes(5));
		Map<String, Double> scores = Map.of("a", 0.1 + 0.2, "b", 1.0 / 3, "c", Math.nextUp(0.5), "d", 0.0, "e",
				Double.MIN_VALUE);

		cache.putAll(scores);

		assertThat(cache.getAll(List.of("a", "b", "c", "d", "e", "missing"))).isEqualTo(scores);
		assertThat(redis.countKeys(prefix)).isEqualTo(5);
		assertThat(redis.ttlMillis(prefix + "a")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
	}

	@Test
	void aCallsReadsAreOneMgetAndItsWritesGoOutTogetherOnTheSharedConnection() throws IOException {
		try (RedisServerProcess server = RedisServerProcess.startOnFreePort()) {
			LettuceConnectionFactory factory = connect(server.port(), Duration.ofSeconds(5));
			RedisScoreCache cache = cache(factory, "calls:", Duration.ofMinutes(1));
			factory.getConnection().ping();
			long connections = Long.parseLong(
					factory.getConnection().serverCommands().info("stats").getProperty("total_connections_received"));
			Map<String, Double> scores = new LinkedHashMap<>();
			for (int i = 0; i < 50; i++) {
				scores.put("key-" + i, i / 50.0);
			}

			for (int call = 0; call < 3; call++) {
				cache.putAll(scores);
			}
			Map<String, Double> found = cache.getAll(List.copyOf(scores.keySet()));

			assertThat(found).isEqualTo(scores);
			Properties stats = factory.getConnection().serverCommands().info("commandstats");
			assertThat(stats.getProperty("cmdstat_mget")).startsWith("calls=1,");
			assertThat(stats.getProperty("cmdstat_set")).startsWith("calls=150,");
			assertThat(stats.getProperty("cmdstat_get")).isNull();
			assertThat(Long.parseLong(
					factory.getConnection().serverCommands().info("stats").getProperty("total_connections_received")))
				.as("connections opened by three calls' writes")
				.isEqualTo(connections);
		}
	}

	@Test
	void twoModelsOverOneRedisShareScores() {
		LettuceConnectionFactory factory = connect(RedisExtension.port(), Duration.ofSeconds(5));
		String prefix = redis.keyPrefix() + "shared:";
		RecordingRerankModel first = new RecordingRerankModel();
		RecordingRerankModel second = new RecordingRerankModel();
		RerankRequest request = new RerankRequest("solar winter", List.of("solar panel", "winter snow", "wind"));

		CachingRerankModel.builder()
			.delegate(first)
			.cache(cache(factory, prefix, Duration.ofMinutes(1)))
			.build()
			.call(request);
		CachingRerankModel other = CachingRerankModel.builder()
			.delegate(second)
			.cache(cache(factory, prefix, Duration.ofMinutes(1)))
			.build();

		assertThat(other.call(request).getResults()).isEqualTo(first.call(request).getResults());
		assertThat(second.requests).isEmpty();
	}

	@Test
	void aRedisWithNothingListeningFailsWithinTheTimeoutAndTheCallGoesOnUncached() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisScoreCache cache = cache(connect(port, Duration.ofSeconds(30)), "down:", Duration.ofMinutes(1));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RecordingRerankModel model = new RecordingRerankModel();
		CachingRerankModel caching = CachingRerankModel.builder()
			.delegate(model)
			.cache(cache)
			.metrics(new MicrometerScoreCacheMetrics(meters, "redis"))
			.build();
		RerankRequest request = new RerankRequest("solar", List.of("solar panel", "wind"));

		long start = System.nanoTime();
		assertThat(caching.call(request).getResults()).isEqualTo(model.call(request).getResults());

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(meters.counter(MicrometerScoreCacheMetrics.ERRORS, "cache", "redis", "operation", "get").count())
			.isEqualTo(1);
		assertThat(meters.counter(MicrometerScoreCacheMetrics.ERRORS, "cache", "redis", "operation", "put").count())
			.as("no write while the cache cools down")
			.isZero();
	}

	@Test
	void aRedisThatNeverAnswersTimesOut() throws Exception {
		try (ServerSocket silent = new ServerSocket(0)) {
			Thread acceptor = new Thread(() -> {
				List<Socket> held = new ArrayList<>();
				try {
					while (true) {
						Socket socket = silent.accept();
						held.add(socket);
						InputStream ignored = socket.getInputStream();
					}
				}
				catch (IOException ex) {
					// the test is over
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", silent.getLocalPort()),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
			factory.afterPropertiesSet();
			factory.start();
			this.closeables.add(factory::destroy);
			RedisScoreCache cache = RedisScoreCache.builder()
				.connectionFactory(factory)
				.timeout(Duration.ofMillis(200))
				.build();
			this.closeables.add(cache);

			long start = System.nanoTime();
			assertThatThrownBy(() -> cache.getAll(List.of("a"))).isInstanceOf(ScoreCacheException.class)
				.hasMessageContaining("within 200 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
	}

}

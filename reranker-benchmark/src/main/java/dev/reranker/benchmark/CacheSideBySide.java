package dev.reranker.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reranker.RerankModel;
import dev.reranker.RerankRequest;
import dev.reranker.cache.CachingRerankModel;
import dev.reranker.cache.CaffeineScoreCache;
import dev.reranker.cache.RedisScoreCache;
import dev.reranker.cache.ScoreCache;
import dev.reranker.cache.ScoreKeys;
import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.testfixtures.MiniLmCrossEncoder.Precision;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The score cache measured, interleaved on one JVM as {@link SideBySide} does: a rerank
 * call of the {@link Workload} (50 candidates) with no cache, with a warm in-process
 * (Caffeine) cache and with a warm Redis cache, for the local provider (the MiniLM-L6
 * fixture, FP32) and for a remote provider (Cohere's API on a loopback server); a call
 * with one new document among the cached ones; and the Redis round trips alone (one
 * {@code MGET} of 50 keys, one write of 50 scores).
 * <p>
 * Usage: {@code CacheSideBySide <rounds>}; Redis at {@code -Dredis.host} (default
 * 127.0.0.1) and {@code -Dredis.port} (6379); keys under {@code reranker-bench:<pid>:}
 * with a 10-minute TTL. Prints a Markdown table.
 */
public final class CacheSideBySide {

	private CacheSideBySide() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		String host = System.getProperty("redis.host", "127.0.0.1");
		int port = Integer.parseInt(System.getProperty("redis.port", "6379"));
		String prefix = "reranker-bench:" + ProcessHandle.current().pid() + ":";
		System.out.printf("cores=%d, rounds=%d, java=%s, redis=%s:%d%n", Runtime.getRuntime().availableProcessors(),
				rounds, System.getProperty("java.version"), host, port);

		Path directory = Files.createTempDirectory("rerank-cache-side-by-side");
		Path onnx = MiniLmCrossEncoder.write(directory, Precision.FP32);
		List<String> candidates = Workload.candidates(directory.resolve("tokenizer.json"));
		LocalModelFiles files = LocalModelFiles.inDirectory(directory, "onnx/" + onnx.getFileName(),
				LocalEngine.ONNX_RUNTIME);
		LettuceConnectionFactory redis = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
		redis.afterPropertiesSet();
		redis.start();
		try (LocalRerankModel local = LocalRerankModel.builder().files(files).build();
				LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE);
				CohereRerankModel remote = CohereRerankModel.builder()
					.baseUrl(server.baseUrl())
					.apiKey("benchmark")
					.build();
				RedisScoreCache redisCache = RedisScoreCache.builder()
					.connectionFactory(redis)
					.keyPrefix(prefix)
					.ttl(Duration.ofMinutes(10))
					.timeout(Duration.ofSeconds(2))
					.build()) {
			RerankRequest request = new RerankRequest(Workload.QUERY, candidates);
			Map<String, Runnable> calls = new LinkedHashMap<>();
			for (Map.Entry<String, RerankModel> model : Map
				.of("local", (RerankModel) local, "remote (loopback)", remote)
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.toList()) {
				String name = model.getKey();
				RerankModel caffeine = caching(model.getValue(), CaffeineScoreCache.builder().build());
				RerankModel shared = caching(model.getValue(), redisCache);
				caffeine.call(request);
				shared.call(request);
				calls.put(name + ", no cache", () -> model.getValue().call(request));
				calls.put(name + ", warm local cache", () -> caffeine.call(request));
				calls.put(name + ", warm Redis cache", () -> shared.call(request));
				AtomicInteger fresh = new AtomicInteger();
				calls.put(name + ", Redis, 1 new of 51", () -> {
					List<String> documents = new ArrayList<>(candidates);
					documents.add(candidates.get(0) + " round " + name + fresh.incrementAndGet());
					shared.call(new RerankRequest(Workload.QUERY, documents));
				});
			}
			ScoreKeys keys = ScoreKeys.of("bench", "bench", "", Workload.QUERY);
			List<String> keyList = candidates.stream().map(keys::keyFor).toList();
			Map<String, Double> scores = new LinkedHashMap<>();
			keyList.forEach((key) -> scores.put(key, 0.5));
			redisCache.putAll(scores);
			calls.put("Redis alone: MGET of 50 keys", () -> redisCache.getAll(keyList));
			calls.put("Redis alone: write of 50 scores", () -> redisCache.putAll(scores));

			List<String> names = new ArrayList<>(calls.keySet());
			List<Runnable> runs = new ArrayList<>(calls.values());
			double[][] millis = new double[names.size()][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < names.size(); k++) {
					int call = (round + k) % names.size();
					long start = System.nanoTime();
					runs.get(call).run();
					millis[call][round] = (System.nanoTime() - start) / 1e6;
				}
			}
			System.out.printf("%n%d candidates per call, %d rounds, interleaved%n", candidates.size(), rounds);
			System.out.println("| call | p50 ms | p95 ms |");
			System.out.println("|---|---:|---:|");
			for (int call = 0; call < names.size(); call++) {
				System.out.printf("| %s | %.3f | %.3f |%n", names.get(call), SideBySide.median(millis[call]),
						SideBySide.percentile(millis[call], 0.95));
			}
		}
		finally {
			redis.destroy();
		}
		System.exit(0);
	}

	private static RerankModel caching(RerankModel model, ScoreCache cache) {
		return CachingRerankModel.builder().delegate(model).cache(cache).build();
	}

}

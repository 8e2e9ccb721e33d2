package dev.reranker.autoconfigure.cache;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.cache.MicrometerScoreCacheMetrics;
import dev.reranker.cache.RedisScoreCache;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.redis.RedisExtension;
import dev.reranker.testfixtures.redis.RedisServerProcess;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts, two "instances" of one application, share the Redis score
 * cache over Spring Boot's Redis connection; the model is a Cohere-speaking server on
 * loopback that records what it receives. Then Redis goes away mid-run and comes back.
 */
class RedisScoreCacheInstancesTests {

	@RegisterExtension
	static final RedisExtension redis = new RedisExtension();

	private final LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE);

	@AfterEach
	void stop() {
		this.server.close();
	}

	private ApplicationContextRunner instance(int redisPort, String keyPrefix, Duration timeout) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RestClientAutoConfiguration.class, CohereRerankAutoConfiguration.class,
					RerankerCacheAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("reranker.provider=cohere", "reranker.cohere.api-key=test-key",
					"reranker.cohere.base-url=" + this.server.baseUrl(), "reranker.top-n=4",
					"reranker.cache.type=redis", "reranker.cache.key-prefix=" + keyPrefix, "reranker.cache.ttl=10m",
					"reranker.cache.timeout=" + timeout.toMillis() + "ms", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redisPort, "spring.data.redis.timeout=5s");
	}

	private static List<Document> documents(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> new Document("doc-" + i,
					"passage " + i + " on solar " + ((i % 3 == 0) ? "panels in winter" : "wind turbines"), Map.of()))
			.toList();
	}

	private List<String> sentAfter(int requests) {
		return this.server.requests()
			.stream()
			.skip(requests)
			.flatMap((request) -> request.texts(Protocol.COHERE).stream())
			.toList();
	}

	private static double counter(MeterRegistry meters, String name, String... tags) {
		return meters.counter(name, tags).count();
	}

	@Test
	void theSecondInstanceSendsNothingForAnIdenticalCallAndOnlyTheNewDocumentForAnother() throws IOException {
		String prefix = redis.keyPrefix() + "instances:";
		Query query = new Query("solar panels in winter");
		List<Document> documents = documents(20);
		List<List<Document>> fromFirst = new ArrayList<>();
		List<Document> withOneNew = new ArrayList<>(documents);
		withOneNew.add(7, new Document("doc-new", "a new passage on solar panels in winter", Map.of()));
		List<Document> partlyCached = new ArrayList<>();
		// A generous timeout: the first call also opens the connection, on a shared, busy
		// machine.
		Duration timeout = Duration.ofSeconds(10);
		instance(RedisExtension.port(), prefix, timeout).run((first) -> {
			assertThat(first).hasSingleBean(RedisScoreCache.class);
			fromFirst.add(first.getBean(RerankingDocumentPostProcessor.class).process(query, documents));
			MeterRegistry meters = first.getBean(MeterRegistry.class);
			assertThat(meters.find(MicrometerScoreCacheMetrics.ERRORS).counters())
				.allSatisfy((errors) -> assertThat(errors.count()).isZero());
		});
		assertThat(this.server.requests()).hasSize(1);
		assertThat(sentAfter(0)).hasSize(20);

		instance(RedisExtension.port(), prefix, timeout).run((second) -> {
			RerankingDocumentPostProcessor postProcessor = second.getBean(RerankingDocumentPostProcessor.class);

			List<Document> identical = postProcessor.process(query, documents);
			assertThat(this.server.requests()).as("requests after the second instance's identical call").hasSize(1);
			assertThat(identical).isEqualTo(fromFirst.get(0));

			List<Document> reranked = postProcessor.process(query, withOneNew);
			assertThat(sentAfter(1)).containsExactly("a new passage on solar panels in winter");
			partlyCached.addAll(reranked);

			MeterRegistry meters = second.getBean(MeterRegistry.class);
			assertThat(counter(meters, MicrometerScoreCacheMetrics.HITS, "cache", "redis")).isEqualTo(40);
			assertThat(counter(meters, MicrometerScoreCacheMetrics.MISSES, "cache", "redis")).isEqualTo(1);
		});
		assertThat(redis.countKeys(prefix)).isEqualTo(21);
		instance(RedisExtension.port(), prefix, timeout).withPropertyValues("reranker.cache.type=none")
			.run((none) -> assertThat(none.getBean(RerankingDocumentPostProcessor.class).process(query, withOneNew))
				.as("the same call without a cache")
				.isEqualTo(partlyCached));
		assertThat(redis.ttlMillis(prefix + "x")).isEqualTo(-2);
	}

	@Test
	void whenRedisStopsCallsSucceedUncachedAndCachingResumesWhenItReturns() throws IOException {
		try (RedisServerProcess own = RedisServerProcess.startOnFreePort()) {
			instance(own.port(), "outage:", Duration.ofSeconds(1)).withPropertyValues("reranker.cache.cool-down=500ms")
				.run((context) -> {
					RerankingDocumentPostProcessor postProcessor = context
						.getBean(RerankingDocumentPostProcessor.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					Query query = new Query("solar panels in winter");
					List<Document> documents = documents(10);
					List<Document> expected = postProcessor.process(query, documents);
					postProcessor.process(query, documents);
					assertThat(this.server.requests()).as("a warm cache").hasSize(1);

					own.stop();
					List<Document> duringOutage = postProcessor.process(query, documents);
					List<Document> again = postProcessor.process(query, documents);

					assertThat(duringOutage).isEqualTo(expected);
					assertThat(again).isEqualTo(expected);
					assertThat(duringOutage)
						.noneMatch((document) -> document.getMetadata().containsKey("rerank_fallback"));
					assertThat(this.server.requests()).as("uncached calls during the outage").hasSize(3);
					double errors = counter(meters, MicrometerScoreCacheMetrics.ERRORS, "cache", "redis", "operation",
							"get");
					assertThat(errors).isGreaterThanOrEqualTo(1);
					assertThat(errors + counter(meters, MicrometerScoreCacheMetrics.BYPASSED, "cache", "redis"))
						.as("calls that found the cache down, or left it alone")
						.isGreaterThanOrEqualTo(2);

					own.start();
					// Lettuce reconnects on its own, with a back-off: wait until a call
					// is
					// cached
					// again (the restarted Redis is empty, so one call writes and the
					// next
					// hits).
					long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
					int requestsBefore;
					do {
						postProcessor.process(query, documents);
						requestsBefore = this.server.requests().size();
						assertThat(postProcessor.process(query, documents)).isEqualTo(expected);
					}
					while (this.server.requests().size() > requestsBefore && System.nanoTime() < deadline);
					assertThat(this.server.requests()).as("requests after Redis came back").hasSize(requestsBefore);
				});
		}
	}

}

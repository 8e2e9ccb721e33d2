package dev.reranker.autoconfigure.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.cache.CachingRerankModel;
import dev.reranker.cache.CaffeineScoreCache;
import dev.reranker.cache.MicrometerScoreCacheMetrics;
import dev.reranker.cache.RedisScoreCache;
import dev.reranker.cache.ScoreCache;
import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The score cache's auto-configuration with the in-process cache, its conditions and its
 * failure analysis; the remote model is a real Cohere-speaking server on loopback.
 */
class RerankerCacheAutoConfigurationTests {

	private final LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class, CohereRerankAutoConfiguration.class,
				RerankerCacheAutoConfiguration.class, RerankerAutoConfiguration.class))
		.withPropertyValues("reranker.provider=cohere", "reranker.cohere.api-key=test-key",
				"reranker.cohere.base-url=" + this.server.baseUrl(), "reranker.top-n=3");

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static List<Document> documents(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> new Document("doc-" + i,
					"passage " + i + " about solar " + ((i % 3 == 0) ? "panels" : "wind"), Map.of()))
			.toList();
	}

	private int documentsSent() {
		return this.server.requests().stream().mapToInt((request) -> request.texts(Protocol.COHERE).size()).sum();
	}

	@Test
	void withoutACacheTypeNothingIsCached() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(RerankScoreCaching.class).doesNotHaveBean(ScoreCache.class);
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel())
				.isInstanceOf(CohereRerankModel.class);
		});
	}

	@Test
	void typeNoneCachesNothing() {
		this.runner.withPropertyValues("reranker.cache.type=none")
			.run((context) -> assertThat(context).doesNotHaveBean(RerankScoreCaching.class));
	}

	@Test
	void aLocalCacheSendsOnlyUnseenDocumentsAndAnswersAsTheModelDoes() {
		this.runner.withPropertyValues("reranker.cache.type=local").run((context) -> {
			RerankingDocumentPostProcessor postProcessor = context.getBean(RerankingDocumentPostProcessor.class);
			assertThat(postProcessor.getRerankModel()).isInstanceOf(CachingRerankModel.class);
			assertThat(context).hasSingleBean(CaffeineScoreCache.class);
			Query query = new Query("solar panels");
			List<Document> documents = documents(12);

			List<Document> cold = postProcessor.process(query, documents);
			List<Document> warm = postProcessor.process(query, documents);
			List<Document> more = new java.util.ArrayList<>(documents);
			more.add(new Document("doc-new", "a new passage on solar panels", Map.of()));
			postProcessor.process(query, more);

			assertThat(warm).isEqualTo(cold);
			assertThat(this.server.requests()).hasSize(2);
			assertThat(this.server.requests().get(1).texts(Protocol.COHERE))
				.containsExactly("a new passage on solar panels");
			assertThat(documentsSent()).isEqualTo(13);
		});
	}

	@Test
	void maxSizeAndTtlReachTheLocalCache() {
		this.runner.withPropertyValues("reranker.cache.type=local", "reranker.cache.max-size=5").run((context) -> {
			RerankingDocumentPostProcessor postProcessor = context.getBean(RerankingDocumentPostProcessor.class);
			postProcessor.process(new Query("solar"), documents(40));

			assertThat(context.getBean(CaffeineScoreCache.class).size()).isLessThanOrEqualTo(5);
		});
		this.runner.withPropertyValues("reranker.cache.type=local", "reranker.cache.ttl=10m")
			.run((context) -> assertThat(context.getBean(RerankerCacheProperties.class).getTtl())
				.isEqualTo(Duration.ofMinutes(10)));
	}

	@Test
	void metersGoToTheMeterRegistry() {
		this.runner.withPropertyValues("reranker.cache.type=local")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				RerankingDocumentPostProcessor postProcessor = context.getBean(RerankingDocumentPostProcessor.class);
				postProcessor.process(new Query("solar"), documents(4));
				postProcessor.process(new Query("solar"), documents(4));

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.counter(MicrometerScoreCacheMetrics.HITS, "cache", "local").count()).isEqualTo(4);
				assertThat(meters.counter(MicrometerScoreCacheMetrics.MISSES, "cache", "local").count()).isEqualTo(4);
				assertThat(meters.timer(MicrometerScoreCacheMetrics.DURATION, "cache", "local", "operation", "get")
					.count()).isEqualTo(2);
			});
	}

	@Test
	void aFullyCachedCallIsNotObservedAsAModelCall() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		this.runner.withPropertyValues("reranker.cache.type=local")
			.withBean(TestObservationRegistry.class, () -> observations)
			.run((context) -> {
				RerankingDocumentPostProcessor postProcessor = context.getBean(RerankingDocumentPostProcessor.class);
				postProcessor.process(new Query("solar"), documents(4));
				postProcessor.process(new Query("solar"), documents(4));

				assertThat(observations).hasNumberOfObservationsWithNameEqualTo("reranker.post_processor", 2)
					.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 1);
			});
	}

	@Test
	void anApplicationsScoreCacheWins() {
		CaffeineScoreCache own = CaffeineScoreCache.builder().maxSize(7).build();
		this.runner.withPropertyValues("reranker.cache.type=redis")
			.withBean(ScoreCache.class, () -> own)
			.run((context) -> {
				assertThat(context).hasSingleBean(ScoreCache.class);
				assertThat(context.getBean(RerankScoreCaching.class).getCache()).isSameAs(own);
				context.getBean(RerankingDocumentPostProcessor.class).process(new Query("solar"), documents(3));
				assertThat(own.size()).isEqualTo(3);
			});
	}

	@Test
	void redisWithoutSpringDataRedisFailsWithAdvice() {
		this.runner.withPropertyValues("reranker.cache.type=redis")
			.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ScoreCacheUnavailableFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("reranker.cache.type=redis")
					.contains("Spring Data Redis");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("spring.data.redis.host");
			});
	}

	@Test
	void redisWithoutAConnectionFailsWithAdvice() {
		this.runner.withPropertyValues("reranker.cache.type=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new ScoreCacheUnavailableFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("no RedisConnectionFactory");
		});
	}

	@Test
	void localWithoutCaffeineFailsWithAdvice() {
		this.runner.withPropertyValues("reranker.cache.type=local")
			.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ScoreCacheUnavailableFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Caffeine");
				assertThat(analysis.getAction()).contains("com.github.ben-manes.caffeine:caffeine");
			});
	}

	@Test
	void badValuesStopStartUpNamingTheProperty() {
		this.runner.withPropertyValues("reranker.cache.type=local", "reranker.cache.max-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.cache.max-size"));
		this.runner.withPropertyValues("reranker.cache.type=redis", "reranker.cache.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.cache.timeout"));
	}

	@Test
	void propertyDefaultsAreTheLibrarysDefaults() {
		// Written as literals in the properties class so that the IDE metadata shows
		// them.
		RerankerCacheProperties properties = new RerankerCacheProperties();
		assertThat(properties.getKeyPrefix()).isEqualTo(RedisScoreCache.DEFAULT_KEY_PREFIX);
		assertThat(properties.getTimeout()).isEqualTo(RedisScoreCache.DEFAULT_TIMEOUT);
		assertThat(properties.getCoolDown()).isEqualTo(CachingRerankModel.DEFAULT_COOL_DOWN);
		assertThat(properties.getMaxSize()).isEqualTo(CaffeineScoreCache.DEFAULT_MAX_SIZE);
	}

	@Test
	void theLocalProvidersScoreSettingsArePartOfTheKey() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "reranker.local.revision=abc123",
				"reranker.local.max-length=256");
		StandardEnvironment other = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(other, "reranker.local.revision=def456",
				"reranker.local.max-length=256");
		StandardEnvironment remote = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(remote, "reranker.provider=cohere",
				"reranker.local.revision=abc123");

		assertThat(RerankerCacheAutoConfiguration.scoreIdentity(environment)).contains("revision=abc123")
			.contains("max-length=256")
			.isNotEqualTo(RerankerCacheAutoConfiguration.scoreIdentity(other));
		assertThat(RerankerCacheAutoConfiguration.scoreIdentity(remote)).isEmpty();
	}

}

package dev.reranker.autoconfigure.cache;

import java.util.List;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;

import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.RerankerProperties;
import dev.reranker.autoconfigure.cache.RerankerCacheProperties.Type;
import dev.reranker.cache.CachingRerankModel;
import dev.reranker.cache.CaffeineScoreCache;
import dev.reranker.cache.MicrometerScoreCacheMetrics;
import dev.reranker.cache.RedisScoreCache;
import dev.reranker.cache.ScoreCache;
import dev.reranker.cache.ScoreCacheMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Auto-configures the rerank score cache when {@code reranker.cache.type} is
 * {@code local} (a {@link CaffeineScoreCache}) or {@code redis} (a
 * {@link RedisScoreCache} over Spring Boot's {@link StringRedisTemplate} or
 * {@link RedisConnectionFactory}, configured by {@code spring.data.redis.*}), and the
 * {@link RerankScoreCaching} that {@link RerankerAutoConfiguration} puts in front of the
 * rerank model. An application's own {@link ScoreCache}, {@link ScoreCacheMetrics} or
 * {@link RerankScoreCaching} bean is used instead of ours. Meters go to the
 * {@link MeterRegistry} when there is one.
 * <p>
 * The cache key covers the provider, the model and, for the local provider, the revision,
 * model file, engine, maximum length and activation ({@code reranker.local.*}): change
 * one and earlier scores are no longer used.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(CachingRerankModel.class)
@Conditional(OnScoreCacheEnabledCondition.class)
@EnableConfigurationProperties(RerankerCacheProperties.class)
public class RerankerCacheAutoConfiguration {

	/** The {@code reranker.local.*} settings that change local scores, in key order. */
	static final List<String> LOCAL_SCORE_SETTINGS = List.of("model-file", "revision", "engine", "max-length",
			"activation");

	@Bean
	@ConditionalOnMissingBean
	RerankScoreCaching rerankScoreCaching(RerankerCacheProperties properties, ObjectProvider<ScoreCache> cache,
			ObjectProvider<ScoreCacheMetrics> metrics, Environment environment) {
		ScoreCache scoreCache = cache.getIfUnique();
		if (scoreCache == null) {
			throw new ScoreCacheUnavailableException(properties.getType(),
					(properties.getType() == Type.LOCAL)
							? "Caffeine (com.github.ben-manes.caffeine:caffeine) is not on the class path"
							: "Spring Data Redis (spring-boot-starter-data-redis) is not on the class path");
		}
		return new RerankScoreCaching(scoreCache, metrics.getIfUnique(() -> ScoreCacheMetrics.NOOP),
				scoreIdentity(environment), properties.getCoolDown());
	}

	/**
	 * What the scores depend on beyond provider, model and texts: for the local provider,
	 * the settings that change its output; remote providers name their model in the
	 * options, which the key covers already.
	 */
	static String scoreIdentity(Environment environment) {
		String provider = environment.getProperty(RerankerProperties.PREFIX + ".provider",
				RerankerProperties.DEFAULT_PROVIDER);
		if (!"local".equalsIgnoreCase(provider.trim())) {
			return "";
		}
		return LOCAL_SCORE_SETTINGS.stream()
			.map((setting) -> setting + "=" + environment.getProperty("reranker.local." + setting, ""))
			.collect(Collectors.joining(";"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Caffeine.class)
	@ConditionalOnProperty(name = RerankerCacheProperties.PREFIX + ".type", havingValue = "local")
	static class LocalScoreCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean(ScoreCache.class)
		CaffeineScoreCache rerankScoreCache(RerankerCacheProperties properties) {
			return CaffeineScoreCache.builder().maxSize(properties.getMaxSize()).ttl(properties.getTtl()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnProperty(name = RerankerCacheProperties.PREFIX + ".type", havingValue = "redis")
	static class RedisScoreCacheConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(ScoreCache.class)
		RedisScoreCache rerankScoreCache(RerankerCacheProperties properties,
				ObjectProvider<StringRedisTemplate> redisTemplate,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			RedisScoreCache.Builder builder = RedisScoreCache.builder()
				.keyPrefix(properties.getKeyPrefix())
				.ttl(properties.getTtl())
				.timeout(properties.getTimeout());
			StringRedisTemplate template = redisTemplate.getIfUnique();
			if (template != null) {
				return builder.redisTemplate(template).build();
			}
			RedisConnectionFactory factory = connectionFactory.getIfUnique();
			if (factory == null) {
				throw new ScoreCacheUnavailableException(Type.REDIS,
						"there is no RedisConnectionFactory bean (Spring Boot's Redis auto-configuration did not run)");
			}
			return builder.connectionFactory(factory).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class ScoreCacheMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ScoreCacheMetrics rerankScoreCacheMetrics(ObjectProvider<MeterRegistry> meterRegistry,
				ObjectProvider<ScoreCache> cache, RerankerCacheProperties properties) {
			MeterRegistry registry = meterRegistry.getIfUnique();
			if (registry == null) {
				return ScoreCacheMetrics.NOOP;
			}
			ScoreCache scoreCache = cache.getIfUnique();
			String name = (scoreCache != null) ? scoreCache.getName()
					: properties.getType().name().toLowerCase(java.util.Locale.ROOT);
			return new MicrometerScoreCacheMetrics(registry, name);
		}

	}

}

package dev.reranker.autoconfigure.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the rerank score cache, under {@code reranker.cache.*}. Validated
 * while binding: a bad value stops start-up with a message naming the property.
 */
@ConfigurationProperties(prefix = RerankerCacheProperties.PREFIX)
public class RerankerCacheProperties implements Validator {

	public static final String PREFIX = "reranker.cache";

	/** Where scores are kept. */
	public enum Type {

		/** No cache: every document goes to the model. */
		NONE,

		/** In-process, per application instance (Caffeine). */
		LOCAL,

		/** Redis, shared by every instance (Spring Boot's Redis connection). */
		REDIS

	}

	/**
	 * Where rerank scores are cached: 'none', 'local' (in-process, Caffeine) or 'redis'
	 * (shared by every instance, over the connection configured by spring.data.redis.*).
	 */
	private Type type = Type.NONE;

	/**
	 * Maximum number of scores the local cache keeps; the least used go first. About 100
	 * bytes each.
	 */
	private long maxSize = 100_000;

	/**
	 * How long a score is kept after it was computed. Applies to the local and the Redis
	 * cache.
	 */
	private Duration ttl = Duration.ofDays(1);

	/**
	 * Prefix of the Redis keys. Instances with the same prefix (and the same Redis) share
	 * scores; a new prefix starts an empty cache.
	 */
	private String keyPrefix = "reranker:score:";

	/**
	 * Longest wait for Redis per cache operation (one look-up or one write per call); a
	 * slower or failed operation is skipped and counted, and the call scores without the
	 * cache.
	 */
	private Duration timeout = Duration.ofMillis(250);

	/**
	 * How long calls leave the cache alone after it failed or timed out, so that a cache
	 * that is down costs one timeout per cool-down instead of one per call. Zero asks it
	 * on every call.
	 */
	private Duration coolDown = Duration.ofSeconds(5);

	public Type getType() {
		return this.type;
	}

	public void setType(Type type) {
		this.type = type;
	}

	public long getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(long maxSize) {
		this.maxSize = maxSize;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCoolDown() {
		return this.coolDown;
	}

	public void setCoolDown(Duration coolDown) {
		this.coolDown = coolDown;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerCacheProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerCacheProperties properties = (RerankerCacheProperties) target;
		if (properties.getType() == null) {
			errors.rejectValue("type", "reranker.cache.type.empty",
					"reranker.cache.type must be one of: none, local, redis");
		}
		if (properties.getMaxSize() < 1) {
			errors.rejectValue("maxSize", "reranker.cache.max-size.range",
					"reranker.cache.max-size must be at least 1");
		}
		if (!positive(properties.getTtl()) || properties.getTtl().toMillis() < 1) {
			errors.rejectValue("ttl", "reranker.cache.ttl.range", "reranker.cache.ttl must be at least 1ms");
		}
		if (!positive(properties.getTimeout())) {
			errors.rejectValue("timeout", "reranker.cache.timeout.range",
					"reranker.cache.timeout must be a positive duration");
		}
		if (properties.getCoolDown() == null || properties.getCoolDown().isNegative()) {
			errors.rejectValue("coolDown", "reranker.cache.cool-down.range",
					"reranker.cache.cool-down must be zero or a positive duration");
		}
		if (properties.getKeyPrefix() == null) {
			errors.rejectValue("keyPrefix", "reranker.cache.key-prefix.empty",
					"reranker.cache.key-prefix must not be null");
		}
	}

	private static boolean positive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

}

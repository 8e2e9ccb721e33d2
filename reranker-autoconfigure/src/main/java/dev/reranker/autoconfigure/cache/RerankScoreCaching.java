package dev.reranker.autoconfigure.cache;

import java.time.Duration;

import dev.reranker.RerankModel;
import dev.reranker.cache.CachingRerankModel;
import dev.reranker.cache.ScoreCache;
import dev.reranker.cache.ScoreCacheMetrics;
import dev.reranker.observation.ObservedRerankModel;

import org.springframework.util.Assert;

/**
 * Puts the score cache in front of the rerank model the post-processor uses:
 * {@code RerankerAutoConfiguration} calls {@link #wrap(RerankModel)} on the (observed)
 * model. Defined by {@link RerankerCacheAutoConfiguration} when
 * {@code reranker.cache.type} is {@code local} or {@code redis}; define your own bean to
 * change how models are wrapped.
 */
public class RerankScoreCaching {

	private final ScoreCache cache;

	private final ScoreCacheMetrics metrics;

	private final String scoreIdentity;

	private final Duration coolDown;

	/**
	 * @param cache where scores are kept
	 * @param metrics where hits, misses, errors and time go
	 * @param scoreIdentity what the scores depend on beyond provider, model and texts
	 * @param coolDown how long calls leave the cache alone after it failed
	 */
	public RerankScoreCaching(ScoreCache cache, ScoreCacheMetrics metrics, String scoreIdentity, Duration coolDown) {
		Assert.notNull(cache, "cache must not be null");
		Assert.notNull(metrics, "metrics must not be null");
		Assert.notNull(scoreIdentity, "scoreIdentity must not be null");
		this.cache = cache;
		this.metrics = metrics;
		this.scoreIdentity = scoreIdentity;
		this.coolDown = coolDown;
	}

	/**
	 * Wraps a model in the cache; a model that already caches is returned as it is.
	 * @param model the model, with its observation already around it
	 * @return the caching model
	 */
	public RerankModel wrap(RerankModel model) {
		if (model instanceof CachingRerankModel || (model instanceof ObservedRerankModel observed
				&& observed.getDelegate() instanceof CachingRerankModel)) {
			return model;
		}
		return CachingRerankModel.builder()
			.delegate(model)
			.cache(this.cache)
			.metrics(this.metrics)
			.scoreIdentity(this.scoreIdentity)
			.coolDown(this.coolDown)
			.build();
	}

	public ScoreCache getCache() {
		return this.cache;
	}

	public String getScoreIdentity() {
		return this.scoreIdentity;
	}

}

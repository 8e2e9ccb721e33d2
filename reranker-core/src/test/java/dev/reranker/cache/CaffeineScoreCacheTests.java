package dev.reranker.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.reranker.RerankRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineScoreCacheTests {

	private final AtomicLong nanos = new AtomicLong();

	@Test
	void scoresExpireTtlAfterTheyWereWritten() {
		CaffeineScoreCache cache = CaffeineScoreCache.builder()
			.ttl(Duration.ofMinutes(10))
			.ticker(this.nanos::get)
			.evictOnCallingThread(true)
			.build();
		cache.putAll(Map.of("a", 0.25));
		this.nanos.addAndGet(Duration.ofMinutes(9).toNanos());
		cache.putAll(Map.of("b", 0.5));

		assertThat(cache.getAll(List.of("a", "b"))).containsOnly(Map.entry("a", 0.25), Map.entry("b", 0.5));
		this.nanos.addAndGet(Duration.ofMinutes(2).toNanos());
		assertThat(cache.getAll(List.of("a", "b"))).containsOnly(Map.entry("b", 0.5));
		this.nanos.addAndGet(Duration.ofMinutes(9).toNanos());
		assertThat(cache.getAll(List.of("a", "b"))).isEmpty();
	}

	@Test
	void noMoreThanMaxSizeScoresAreKept() {
		CaffeineScoreCache cache = CaffeineScoreCache.builder().maxSize(100).evictOnCallingThread(true).build();
		Map<String, Double> scores = new LinkedHashMap<>();
		for (int i = 0; i < 1000; i++) {
			scores.put("key-" + i, i / 1000.0);
		}
		cache.putAll(scores);

		assertThat(cache.size()).isLessThanOrEqualTo(100).isPositive();
		assertThat(cache.getAll(List.copyOf(scores.keySet()))).hasSizeLessThanOrEqualTo(100)
			.allSatisfy((key, score) -> assertThat(score).isEqualTo(scores.get(key)));
	}

	@Test
	void aModelBehindAnExpiredCacheIsAskedAgain() {
		RecordingRerankModel model = new RecordingRerankModel();
		CachingRerankModel caching = CachingRerankModel.builder()
			.delegate(model)
			.cache(CaffeineScoreCache.builder().ttl(Duration.ofSeconds(30)).ticker(this.nanos::get).build())
			.build();
		RerankRequest request = new RerankRequest("solar", List.of("solar panel", "wind"));
		caching.call(request);
		this.nanos.addAndGet(Duration.ofSeconds(29).toNanos());
		caching.call(request);
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		caching.call(request);

		assertThat(model.requests).hasSize(2);
	}

}

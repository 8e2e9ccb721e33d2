package dev.reranker.cache;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * Records the score cache's work as Micrometer meters, each tagged {@code cache} with the
 * cache's {@linkplain ScoreCache#getName() name}:
 * <ul>
 * <li>{@value #HITS} — counter: documents whose score came from the cache;</li>
 * <li>{@value #MISSES} — counter: documents sent to the model;</li>
 * <li>{@value #ERRORS} — counter, tag {@code operation} = {@code get}/{@code put}: cache
 * operations that failed or timed out (the call went on uncached);</li>
 * <li>{@value #BYPASSED} — counter: calls that left the cache alone during the cool-down
 * after an error;</li>
 * <li>{@value #DURATION} — timer, tag {@code operation}: time spent in the cache per
 * call.</li>
 * </ul>
 * The hit ratio is {@code hits / (hits + misses)}.
 */
public final class MicrometerScoreCacheMetrics implements ScoreCacheMetrics {

	/** Name of the hits counter. */
	public static final String HITS = "reranker.cache.hits";

	/** Name of the misses counter. */
	public static final String MISSES = "reranker.cache.misses";

	/** Name of the errors counter. */
	public static final String ERRORS = "reranker.cache.errors";

	/** Name of the counter of calls that skipped the cache after an error. */
	public static final String BYPASSED = "reranker.cache.bypassed";

	/** Name of the timer of cache operations. */
	public static final String DURATION = "reranker.cache.duration";

	private final Counter hits;

	private final Counter misses;

	private final Counter bypassed;

	// Indexed by Operation.ordinal().
	private final Counter[] errors = new Counter[Operation.values().length];

	private final Timer[] durations = new Timer[Operation.values().length];

	/**
	 * Registers the meters.
	 * @param registry where the meters go
	 * @param cacheName the {@code cache} tag, e.g. {@code redis}
	 */
	public MicrometerScoreCacheMetrics(MeterRegistry registry, String cacheName) {
		Assert.notNull(registry, "registry must not be null");
		Assert.hasText(cacheName, "cacheName must not be empty");
		Tags tags = Tags.of("cache", cacheName);
		this.hits = Counter.builder(HITS)
			.description("Documents whose rerank score came from the score cache")
			.tags(tags)
			.register(registry);
		this.misses = Counter.builder(MISSES)
			.description("Documents the score cache did not have, sent to the rerank model")
			.tags(tags)
			.register(registry);
		this.bypassed = Counter.builder(BYPASSED)
			.description("Rerank calls that left the score cache alone during the cool-down after an error")
			.tags(tags)
			.register(registry);
		for (Operation operation : Operation.values()) {
			Tags operationTags = tags.and("operation", tag(operation));
			this.errors[operation.ordinal()] = Counter.builder(ERRORS)
				.description("Score cache operations that failed or timed out; the call went on without the cache")
				.tags(operationTags)
				.register(registry);
			this.durations[operation.ordinal()] = Timer.builder(DURATION)
				.description("Time spent in the score cache per rerank call")
				.tags(operationTags)
				.register(registry);
		}
	}

	private static String tag(Operation operation) {
		return (operation == Operation.GET) ? "get" : "put";
	}

	@Override
	public void hits(int count) {
		this.hits.increment(count);
	}

	@Override
	public void misses(int count) {
		this.misses.increment(count);
	}

	@Override
	public void bypassed() {
		this.bypassed.increment();
	}

	@Override
	public void timed(Operation operation, long nanos) {
		this.durations[operation.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void error(Operation operation, Throwable error) {
		this.errors[operation.ordinal()].increment();
	}

}

package dev.reranker.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.BudgetedRerankModel;
import dev.reranker.RerankException;
import dev.reranker.RerankModel;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.cache.ScoreCacheMetrics.Operation;
import dev.reranker.observation.SelfObservingRerankModel;

import org.springframework.util.Assert;

/**
 * A {@link RerankModel} that remembers scores: each (query, document) pair it has scored
 * before comes from its {@link ScoreCache}, and only the others are sent, in one request,
 * to the model it wraps. A call whose 49 of 50 documents are cached sends one document; a
 * fully cached call sends nothing.
 * <p>
 * Answers are the ones the wrapped model gives: the same scores (stored exactly), one per
 * input in input order, {@link RerankOptions#getTopN() top-n} applied here over the whole
 * list. Keys ({@link ScoreKeys}) cover the provider, the model in effect for the call, a
 * caller-given score identity (anything else the scores depend on) and the two texts.
 * <p>
 * The cache never fails a call: when it throws or times out, the call is scored by the
 * model as if there were no cache, the error is counted ({@link ScoreCacheMetrics}) and
 * logged (the first of a series at WARN, the rest at DEBUG, until the cache answers
 * again). For a cool-down after a failure (default 5 s) calls do not ask the cache at all
 * (counted as bypassed), so that a cache that is down costs one timeout per cool-down,
 * not two per call.
 * <p>
 * Observation: wrap the model's observation inside the cache
 * ({@code CachingRerankModel.builder().delegate(ObservedRerankModel.of(model, registry))},
 * as the auto-configuration does; the built-in models observe themselves), so that a
 * {@code gen_ai.client.operation} observation stands for a real model call with the
 * documents actually sent, and a fully cached call records none. Thread-safe.
 */
public final class CachingRerankModel implements SelfObservingRerankModel, BudgetedRerankModel {

	/** Default time calls leave a failed cache alone. */
	public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(CachingRerankModel.class);

	private final RerankModel delegate;

	private final ScoreCache cache;

	private final ScoreCacheMetrics metrics;

	private final String scoreIdentity;

	private final long coolDownNanos;

	private final AtomicBoolean failing = new AtomicBoolean();

	// System.nanoTime() before which the cache is not asked (after a failure).
	private volatile long bypassUntil;

	private CachingRerankModel(Builder builder) {
		Assert.notNull(builder.delegate, "delegate must not be null (CachingRerankModel.Builder#delegate)");
		Assert.notNull(builder.cache, "cache must not be null (CachingRerankModel.Builder#cache)");
		this.delegate = builder.delegate;
		this.cache = builder.cache;
		this.metrics = builder.metrics;
		this.scoreIdentity = builder.scoreIdentity;
		this.coolDownNanos = builder.coolDown.toNanos();
		this.bypassUntil = System.nanoTime();
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public RerankResponse call(RerankRequest request) {
		Assert.notNull(request, "request must not be null");
		List<String> documents = request.documents();
		if (documents.isEmpty()) {
			return this.delegate.call(request);
		}
		RerankOptions options = this.delegate.getDefaultOptions().merge(request.options());
		ScoreKeys keys = ScoreKeys.of(this.delegate.getProviderName(), options.getModel(), this.scoreIdentity,
				request.query());
		List<String> documentKeys = documents.stream().map(keys::keyFor).toList();
		boolean bypass = coolingDown();
		if (bypass) {
			this.metrics.bypassed();
		}
		Map<String, Double> cached = bypass ? Map.of() : lookUp(documentKeys);

		double[] scores = new double[documents.size()];
		List<Integer> missing = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			Double score = cached.get(documentKeys.get(i));
			if (score != null && RerankResult.isValidScore(score)) {
				scores[i] = score;
			}
			else {
				missing.add(i);
			}
		}
		this.metrics.hits(documents.size() - missing.size());
		this.metrics.misses(missing.size());

		RerankResponseMetadata metadata = missing.isEmpty() ? new RerankResponseMetadata(options.getModel())
				: scoreMissing(request.query(), documents, documentKeys, missing, options, scores, !bypass);
		return new RerankResponse(results(scores, options.getTopN()), metadata);
	}

	/**
	 * Under a latency budget, cached candidates cost nothing: the wrapped model's own
	 * prediction is asked for the misses only, so a warm cache scores further down the
	 * list. The cache is looked up with the default options' model (a call that names
	 * another model finds fewer hits and scores fewer, never more, than fit); a model
	 * that cannot predict its cost scores every text.
	 */
	@Override
	public int affordable(String query, List<String> texts, Duration budget) {
		if (!(this.delegate instanceof BudgetedRerankModel budgeted) || texts.isEmpty()) {
			return texts.size();
		}
		ScoreKeys keys = ScoreKeys.of(this.delegate.getProviderName(), this.delegate.getDefaultOptions().getModel(),
				this.scoreIdentity, query);
		List<String> documentKeys = texts.stream().map(keys::keyFor).toList();
		Map<String, Double> cached = coolingDown() ? Map.of() : peek(documentKeys);
		List<Integer> missing = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			Double score = cached.get(documentKeys.get(i));
			if (score == null || !RerankResult.isValidScore(score)) {
				missing.add(i);
			}
		}
		if (missing.isEmpty()) {
			return texts.size();
		}
		int misses = Math.max(1, budgeted.affordable(query, missing.stream().map(texts::get).toList(), budget));
		// Every text before the first miss that does not fit is scored.
		return (misses >= missing.size()) ? texts.size() : missing.get(misses);
	}

	// A lookup for planning: not counted as hits and misses (the call counts those).
	private Map<String, Double> peek(List<String> keys) {
		try {
			Map<String, Double> found = this.cache.getAll(keys);
			return (found != null) ? found : Map.of();
		}
		catch (RuntimeException ex) {
			failed(Operation.GET, ex);
			return Map.of();
		}
	}

	private RerankResponseMetadata scoreMissing(String query, List<String> documents, List<String> documentKeys,
			List<Integer> missing, RerankOptions options, double[] scores, boolean write) {
		List<String> texts = missing.stream().map(documents::get).toList();
		// Top-n is applied over the whole list here: the model must score every miss.
		RerankResponse response = this.delegate
			.call(new RerankRequest(query, texts, options.mutate().topN(null).build()));
		if (response == null) {
			throw new RerankException(this.delegate.getProviderName(), "the model returned no response");
		}
		double[] fresh;
		try {
			fresh = response.scoresByIndex(texts.size());
		}
		catch (IllegalStateException ex) {
			throw new RerankException(this.delegate.getProviderName(),
					"invalid response for " + texts.size() + " documents: " + ex.getMessage(), ex);
		}
		Map<String, Double> entries = new LinkedHashMap<>();
		for (int j = 0; j < fresh.length; j++) {
			int index = missing.get(j);
			scores[index] = fresh[j];
			entries.put(documentKeys.get(index), fresh[j]);
		}
		if (write && !coolingDown()) {
			store(entries);
		}
		return response.getMetadata();
	}

	private static List<RerankResult> results(double[] scores, @Nullable Integer topN) {
		List<RerankResult> results = new ArrayList<>(scores.length);
		for (int i = 0; i < scores.length; i++) {
			results.add(new RerankResult(i, scores[i]));
		}
		if (topN == null || topN >= results.size()) {
			return results;
		}
		return results.stream()
			.sorted(Comparator.comparingDouble(RerankResult::score).reversed().thenComparingInt(RerankResult::index))
			.limit(topN)
			.toList();
	}

	private Map<String, Double> lookUp(List<String> keys) {
		long start = System.nanoTime();
		try {
			Map<String, Double> found = this.cache.getAll(keys);
			recovered();
			return (found != null) ? found : Map.of();
		}
		catch (RuntimeException ex) {
			failed(Operation.GET, ex);
			return Map.of();
		}
		finally {
			this.metrics.timed(Operation.GET, System.nanoTime() - start);
		}
	}

	private void store(Map<String, Double> entries) {
		long start = System.nanoTime();
		try {
			this.cache.putAll(entries);
			recovered();
		}
		catch (RuntimeException ex) {
			failed(Operation.PUT, ex);
		}
		finally {
			this.metrics.timed(Operation.PUT, System.nanoTime() - start);
		}
	}

	private boolean coolingDown() {
		return this.coolDownNanos > 0 && System.nanoTime() - this.bypassUntil < 0;
	}

	private void failed(Operation operation, RuntimeException ex) {
		this.metrics.error(operation, ex);
		if (this.coolDownNanos > 0) {
			this.bypassUntil = System.nanoTime() + this.coolDownNanos;
		}
		String message = "Score cache '" + this.cache.getName() + "' failed ("
				+ operation.name().toLowerCase(java.util.Locale.ROOT) + "), scoring without it: " + describe(ex);
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("{} (further failures are logged at DEBUG until the cache answers again)", message);
		}
		else {
			logger.debug(message, ex);
		}
	}

	private void recovered() {
		if (this.failing.get() && this.failing.compareAndSet(true, false)) {
			logger.info("Score cache '{}' answers again", this.cache.getName());
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex.getCause() != null && ex.getMessage() == null) ? ex.getCause() : ex;
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return this.delegate.getDefaultOptions();
	}

	@Override
	public String getProviderName() {
		return this.delegate.getProviderName();
	}

	/**
	 * The registry the wrapped model observes its calls in, so that
	 * {@code ObservedRerankModel.of} does not observe cached calls as model calls.
	 */
	@Override
	public ObservationRegistry getObservationRegistry() {
		return (this.delegate instanceof SelfObservingRerankModel observed) ? observed.getObservationRegistry()
				: ObservationRegistry.NOOP;
	}

	/**
	 * The model that scores what the cache does not have.
	 * @return the model
	 */
	public RerankModel getDelegate() {
		return this.delegate;
	}

	public ScoreCache getCache() {
		return this.cache;
	}

	@Override
	public String toString() {
		return "CachingRerankModel{cache=" + this.cache.getName() + ", delegate=" + this.delegate + "}";
	}

	/** Builder for {@link CachingRerankModel}. */
	public static final class Builder {

		private @Nullable RerankModel delegate;

		private @Nullable ScoreCache cache;

		private ScoreCacheMetrics metrics = ScoreCacheMetrics.NOOP;

		private String scoreIdentity = "";

		private Duration coolDown = DEFAULT_COOL_DOWN;

		private Builder() {
		}

		/**
		 * How long calls leave the cache alone after it failed; default 5 s,
		 * {@link Duration#ZERO} asks it on every call.
		 */
		public Builder coolDown(Duration coolDown) {
			Assert.isTrue(coolDown != null && !coolDown.isNegative(), () -> "coolDown must be zero or positive but was "
					+ coolDown + " (CachingRerankModel.Builder#coolDown)");
			this.coolDown = coolDown;
			return this;
		}

		/** The model that scores what the cache does not have. Required. */
		public Builder delegate(RerankModel delegate) {
			this.delegate = delegate;
			return this;
		}

		/** Where scores are kept. Required. */
		public Builder cache(ScoreCache cache) {
			this.cache = cache;
			return this;
		}

		/** Where hits, misses, errors and time go; default none. */
		public Builder metrics(ScoreCacheMetrics metrics) {
			Assert.notNull(metrics, "metrics must not be null (CachingRerankModel.Builder#metrics)");
			this.metrics = metrics;
			return this;
		}

		/**
		 * What the scores depend on beyond the provider, the model name and the texts (a
		 * model revision, an activation, a maximum input length), as one string that is
		 * part of every key: change it and earlier scores are no longer found. Default
		 * empty.
		 */
		public Builder scoreIdentity(String scoreIdentity) {
			Assert.notNull(scoreIdentity, "scoreIdentity must not be null (CachingRerankModel.Builder#scoreIdentity)");
			this.scoreIdentity = scoreIdentity;
			return this;
		}

		public CachingRerankModel build() {
			return new CachingRerankModel(this);
		}

	}

}

package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The base URLs of one remote provider (several replicas of a self-hosted server, say)
 * and the choice of the one each request goes to.
 * <p>
 * Requests go round-robin. An endpoint that refuses connections, drops them or answers
 * 5xx is skipped for a cool-down while the others serve, and a retry never goes to the
 * endpoint that just failed when another one is available. When every endpoint is cooling
 * down, the one whose cool-down ends first is tried rather than failing without trying:
 * the call's deadline, not the pool, decides when to give up. An endpoint that answers
 * again (any status below 500) is available again at once.
 */
final class EndpointPool {

	/** Default time an endpoint is skipped after it failed. */
	static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(EndpointPool.class);

	private final String provider;

	private final List<Endpoint> endpoints;

	private final long coolDownNanos;

	private final LongSupplier nanoTime;

	private final long origin;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * Creates the pool.
	 * @param provider the provider, for log messages
	 * @param baseUrls the base URLs, at least one, no duplicates (trailing slashes
	 * ignored)
	 * @param coolDown how long a failed endpoint is skipped; zero never skips
	 * @param restClients makes the HTTP client of one base URL
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 */
	EndpointPool(String provider, List<String> baseUrls, Duration coolDown, Function<String, RestClient> restClients,
			LongSupplier nanoTime) {
		Assert.notEmpty(baseUrls, "baseUrls must not be empty (RemoteRerankModel.Builder#baseUrls)");
		Assert.notNull(coolDown, "endpointCoolDown must not be null (RemoteRerankModel.Builder#endpointCoolDown)");
		Assert.isTrue(!coolDown.isNegative(), () -> "endpointCoolDown must not be negative but was " + coolDown
				+ " (RemoteRerankModel.Builder#endpointCoolDown)");
		this.provider = provider;
		this.coolDownNanos = coolDown.toNanos();
		this.nanoTime = nanoTime;
		this.origin = nanoTime.getAsLong();
		Set<String> seen = new HashSet<>();
		List<Endpoint> endpoints = new ArrayList<>(baseUrls.size());
		for (String baseUrl : baseUrls) {
			Assert.isTrue(StringUtils.hasText(baseUrl), () -> "baseUrls must not contain an empty URL but was "
					+ baseUrls + " (RemoteRerankModel.Builder#baseUrls)");
			String url = stripTrailingSlash(baseUrl);
			Assert.isTrue(seen.add(url), () -> "baseUrls lists " + url + " twice (RemoteRerankModel.Builder#baseUrls)");
			endpoints.add(new Endpoint(url, restClients.apply(url)));
		}
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * The endpoint for the next attempt: the next available one in round-robin order,
	 * other than {@code previous} if another is available; when all are cooling down, the
	 * one whose cool-down ends first.
	 * @param previous the endpoint the previous attempt of the same request failed on, or
	 * {@code null} for a first attempt
	 * @return the endpoint to send to, never {@code null}
	 */
	Endpoint pick(@Nullable Endpoint previous) {
		int size = this.endpoints.size();
		if (size == 1) {
			return this.endpoints.get(0);
		}
		long now = now();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		Endpoint best = this.endpoints.get(start);
		long bestRank = Long.MAX_VALUE;
		for (int i = 0; i < size; i++) {
			Endpoint endpoint = this.endpoints.get((start + i) % size);
			long coolDownEnds = endpoint.coolDownEnds.get();
			boolean available = coolDownEnds <= now;
			if (available && endpoint != previous) {
				if (i > 0) {
					// The skipped ones' turns are used up too, so that their share is
					// spread over the others instead of all going to the next in line.
					this.next.addAndGet(i);
				}
				return endpoint;
			}
			// The endpoint that just failed, when not cooling down (a 429, say), comes
			// before any that is; among those cooling down, the first to end wins.
			long rank = available ? now : coolDownEnds;
			if (rank < bestRank) {
				best = endpoint;
				bestRank = rank;
			}
		}
		return best;
	}

	/**
	 * The base URLs, in the order given.
	 * @return the base URLs without trailing slashes
	 */
	List<String> baseUrls() {
		return this.endpoints.stream().map(Endpoint::baseUrl).toList();
	}

	/**
	 * The endpoints, in the order given.
	 * @return the endpoints
	 */
	List<Endpoint> endpoints() {
		return this.endpoints;
	}

	/**
	 * Where requests go, for error messages: the base URL, or the list of them.
	 * @return the description
	 */
	String description() {
		return (this.endpoints.size() == 1) ? this.endpoints.get(0).baseUrl() : "any of " + baseUrls();
	}

	Duration coolDown() {
		return Duration.ofNanos(this.coolDownNanos);
	}

	private long now() {
		return this.nanoTime.getAsLong() - this.origin;
	}

	static String stripTrailingSlash(String url) {
		String trimmed = url.strip();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/** One base URL, its HTTP client and its cool-down. */
	final class Endpoint {

		private final String baseUrl;

		private final RestClient restClient;

		// When the cool-down ends, in nanoseconds since the pool was created; 0 (or any
		// time passed) means available.
		private final AtomicLong coolDownEnds = new AtomicLong();

		private Endpoint(String baseUrl, RestClient restClient) {
			this.baseUrl = baseUrl;
			this.restClient = restClient;
		}

		String baseUrl() {
			return this.baseUrl;
		}

		RestClient restClient() {
			return this.restClient;
		}

		/**
		 * Marks the time an attempt is sent, for {@link #answered(long)}.
		 * @return the time
		 */
		long sending() {
			return now();
		}

		/**
		 * Whether the endpoint is being skipped.
		 * @return {@code true} during its cool-down
		 */
		boolean isCoolingDown() {
			return this.coolDownEnds.get() > now();
		}

		/**
		 * The endpoint refused or dropped the connection or answered 5xx: skip it for the
		 * cool-down.
		 * @param reason what happened, for the log (never server text)
		 */
		void failed(String reason) {
			long now = now();
			long previous = this.coolDownEnds.getAndSet(now + EndpointPool.this.coolDownNanos);
			if (previous <= now && EndpointPool.this.endpoints.size() > 1 && logger.isWarnEnabled()) {
				logger.warn("Endpoint {} of provider '{}' failed ({}); sending requests to the other endpoints for {}",
						this.baseUrl, EndpointPool.this.provider, reason, RemoteFailures.format(coolDown()));
			}
		}

		/**
		 * The endpoint answered (any status below 500): if it was cooling down since
		 * before this attempt was sent, it is available again.
		 * @param sentAt what {@link #sending()} returned for this attempt
		 */
		void answered(long sentAt) {
			long ends = this.coolDownEnds.get();
			// A failure recorded after this attempt was sent (an attempt in flight that
			// answered just before the endpoint died) keeps its cool-down.
			if (ends != 0 && ends - EndpointPool.this.coolDownNanos <= sentAt) {
				this.coolDownEnds.compareAndSet(ends, 0);
			}
		}

		@Override
		public String toString() {
			return this.baseUrl + (isCoolingDown() ? " (cooling down)" : "");
		}

	}

}

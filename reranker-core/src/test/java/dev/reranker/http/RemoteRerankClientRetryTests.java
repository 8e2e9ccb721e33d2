package dev.reranker.http;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * Retries, back-off, {@code Retry-After} and the per-call deadline of
 * {@link RemoteRerankClient}, against a loopback Cohere-protocol server.
 */
class RemoteRerankClientRetryTests {

	private static final String QUERY = "spring reranker";

	private static final List<String> TEXTS = List.of("spring", "reranker", "spring reranker");

	private final LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE);

	private final AtomicInteger retries = new AtomicInteger();

	private final RetryListener counter = new RetryListener() {
		@Override
		public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
			RemoteRerankClientRetryTests.this.retries.incrementAndGet();
		}
	};

	@AfterEach
	void stop() {
		this.server.close();
	}

	private RemoteRerankModel model(RemoteCallSettings settings) {
		return RemoteModels.create(this.server, "key", settings, 100, this.counter);
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 502, 503, 504 })
	void retriesTransientStatusesThenSucceeds(int status) {
		this.server.enqueue(Reply.status(status), Reply.status(status));

		assertThat(model(RemoteModels.FAST).score(QUERY, TEXTS)).containsExactly(0.5, 0.5, 1.0);
		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.retries).hasValue(2);
	}

	@Test
	void retriesHtmlErrorPagesFromAProxy() {
		this.server.enqueue(Reply.html(502), Reply.html(503));

		assertThat(model(RemoteModels.FAST).score(QUERY, TEXTS)).containsExactly(0.5, 0.5, 1.0);
		assertThat(this.retries).hasValue(2);
	}

	@Test
	void retriesDroppedConnections() {
		this.server.enqueue(Reply.drop());

		assertThat(model(RemoteModels.FAST).score(QUERY, TEXTS)).containsExactly(0.5, 0.5, 1.0);
		assertThat(this.retries).hasValue(1);
	}

	@Test
	void connectionRefusedIsRetriedThenReported() {
		String baseUrl = this.server.baseUrl();
		this.server.close();
		RemoteRerankModel model = dev.reranker.cohere.CohereRerankModel.builder()
			.baseUrl(baseUrl)
			.settings(RemoteModels.FAST)
			.retryListener(this.counter)
			.build();

		assertThatThrownBy(() -> model.score(QUERY, TEXTS)).isInstanceOf(RemoteRerankException.class)
			.hasMessageContaining("gave up after 3 retries")
			.hasMessageContaining("I/O error calling POST " + baseUrl + "/v2/rerank");
		assertThat(this.retries).hasValue(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422, 500 })
	void doesNotRetryOtherErrors(int status) {
		this.server.enqueue(Reply.status(status));

		assertThatThrownBy(() -> model(RemoteModels.FAST).score(QUERY, TEXTS))
			.isInstanceOfSatisfying(RemoteRerankException.class, ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(status);
				assertThat(ex.isRetryable()).isFalse();
			})
			.hasMessageContaining("HTTP " + status);
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.retries).hasValue(0);
	}

	@Test
	void honoursRetryAfter() {
		this.server.enqueue(Reply.status(429, Duration.ofSeconds(1)));

		long start = System.nanoTime();
		assertThat(model(RemoteModels.FAST).score(QUERY, TEXTS)).containsExactly(0.5, 0.5, 1.0);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited as the server asked, not the 20 ms back-off")
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(this.retries).hasValue(1);
	}

	@Test
	void retryAfterBeyondTheDeadlineEndsTheCallAtOnce() {
		this.server.enqueue(Reply.status(503, Duration.ofSeconds(30)));

		long start = System.nanoTime();
		assertThatThrownBy(() -> model(RemoteModels.FAST).score(QUERY, TEXTS))
			.isInstanceOfSatisfying(RemoteRerankException.class, ex -> assertThat(ex.getStatusCode()).isEqualTo(503))
			.hasMessageContaining("would not fit in the deadline of 5000 ms")
			.hasMessageContaining("HTTP 503");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void retriesAreBounded() {
		this.server.faults(request -> Reply.status(503));

		assertThatThrownBy(() -> model(RemoteModels.FAST).score(QUERY, TEXTS))
			.hasMessageContaining("gave up after 3 retries; last error: HTTP 503");
		assertThat(this.server.requests()).hasSize(4);
	}

	@Test
	void theDeadlineCoversRetries() {
		RemoteCallSettings settings = new RemoteCallSettings(Duration.ofMillis(700), 10, Duration.ofMillis(50),
				Duration.ofMillis(50));
		this.server.enqueue(Reply.status(503), Reply.status(503));
		this.server.faults(request -> Reply.slow(Duration.ofSeconds(3)));

		long start = System.nanoTime();
		assertThatThrownBy(() -> model(settings).score(QUERY, TEXTS))
			.hasMessageContaining("within the deadline of 700 ms (2 retries); last error: HTTP 503");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void readsRetryAfterAsSecondsOrHttpDate() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "7");
		assertThat(RetryAfterBackOff.retryAfter(headers)).isEqualTo(Duration.ofSeconds(7));

		headers.set(HttpHeaders.RETRY_AFTER,
				DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)));
		assertThat(RetryAfterBackOff.retryAfter(headers)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));

		headers.set(HttpHeaders.RETRY_AFTER, "soon");
		assertThat(RetryAfterBackOff.retryAfter(headers)).isNull();
	}

}

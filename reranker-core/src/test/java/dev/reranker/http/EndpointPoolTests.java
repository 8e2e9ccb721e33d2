package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.reranker.http.EndpointPool.Endpoint;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@link EndpointPool} picks endpoints, on a clock the test moves.
 */
class EndpointPoolTests {

	private static final Duration COOL_DOWN = Duration.ofSeconds(30);

	private final AtomicLong clock = new AtomicLong(123_456_789L);

	private final EndpointPool pool = pool(List.of("http://a", "http://b/", "http://c"));

	private final Endpoint a = this.pool.endpoints().get(0);

	private final Endpoint b = this.pool.endpoints().get(1);

	private final Endpoint c = this.pool.endpoints().get(2);

	private EndpointPool pool(List<String> urls) {
		return new EndpointPool("test", urls, COOL_DOWN, url -> RestClient.create(url), this.clock::get);
	}

	private List<Endpoint> pick(int times) {
		List<Endpoint> picked = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			picked.add(this.pool.pick(null));
		}
		return picked;
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

	@Test
	void spreadsRequestsRoundRobin() {
		assertThat(this.pool.baseUrls()).containsExactly("http://a", "http://b", "http://c");
		assertThat(pick(6)).containsExactly(this.a, this.b, this.c, this.a, this.b, this.c);
	}

	@Test
	void skipsAFailedEndpointUntilItsCoolDownEnds() {
		this.b.failed("HTTP 503");
		advance(COOL_DOWN.minusMillis(1));

		assertThat(this.b.isCoolingDown()).isTrue();
		assertThat(pick(6)).as("its share spread evenly over the others")
			.containsExactly(this.a, this.c, this.a, this.c, this.a, this.c);

		advance(Duration.ofMillis(1));
		assertThat(this.b.isCoolingDown()).isFalse();
		assertThat(pick(3)).containsExactlyInAnyOrder(this.a, this.b, this.c);
	}

	@Test
	void aRetryGoesToAnotherEndpointThanTheOneThatJustFailed() {
		assertThat(this.pool.pick(null)).isSameAs(this.a);
		// The counter points at b next: a retry after b failed without a cool-down
		// (HTTP 429) still moves on.
		assertThat(this.pool.pick(this.b)).isSameAs(this.c);
		assertThat(this.pool.pick(this.c)).isSameAs(this.a);
	}

	@Test
	void whenAllAreCoolingDownTheOneWhoseCoolDownEndsFirstIsTried() {
		this.b.failed("no answer");
		advance(Duration.ofSeconds(1));
		this.c.failed("no answer");
		advance(Duration.ofSeconds(1));
		this.a.failed("HTTP 500");

		assertThat(pick(4)).containsOnly(this.b);
		assertThat(this.pool.pick(this.b)).as("even when it just failed").isSameAs(this.b);
	}

	@Test
	void theEndpointThatJustFailedComesBeforeAnyCoolingDown() {
		this.a.failed("no answer");
		this.b.failed("no answer");

		assertThat(this.pool.pick(this.c)).isSameAs(this.c);
	}

	@Test
	void anAnswerEndsTheCoolDownOnlyIfTheAttemptWasSentAfterTheFailure() {
		long sentBefore = this.b.sending();
		advance(Duration.ofMillis(5));
		this.b.failed("no answer");
		this.b.answered(sentBefore);
		assertThat(this.b.isCoolingDown()).as("an answer to an older attempt").isTrue();

		long sentAfter = this.b.sending();
		this.b.answered(sentAfter);
		assertThat(this.b.isCoolingDown()).isFalse();
	}

	@Test
	void aSingleEndpointIsAlwaysTried() {
		EndpointPool single = pool(List.of("http://only"));
		Endpoint only = single.endpoints().get(0);
		only.failed("no answer");

		assertThat(single.pick(only)).isSameAs(only);
		assertThat(single.description()).isEqualTo("http://only");
		assertThat(this.pool.description()).isEqualTo("any of [http://a, http://b, http://c]");
	}

	@Test
	void rejectsAnEmptyListDuplicatesAndANegativeCoolDown() {
		assertThatIllegalArgumentException().isThrownBy(() -> pool(List.of()))
			.withMessage("baseUrls must not be empty (RemoteRerankModel.Builder#baseUrls)");
		assertThatIllegalArgumentException().isThrownBy(() -> pool(List.of("http://a", " ")))
			.withMessageStartingWith("baseUrls must not contain an empty URL");
		assertThatIllegalArgumentException().isThrownBy(() -> pool(List.of("http://a", "http://a/")))
			.withMessage("baseUrls lists http://a twice (RemoteRerankModel.Builder#baseUrls)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EndpointPool("test", List.of("http://a"), Duration.ofSeconds(-1), RestClient::create,
					System::nanoTime))
			.withMessageContaining("endpointCoolDown must not be negative");
	}

}

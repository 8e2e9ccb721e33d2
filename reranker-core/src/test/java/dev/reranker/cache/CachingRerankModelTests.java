package dev.reranker.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankModel;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.observation.ObservedRerankModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class CachingRerankModelTests {

	private static final String QUERY = "solar panel efficiency in winter";

	private final RecordingRerankModel model = new RecordingRerankModel();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CaffeineScoreCache cache = CaffeineScoreCache.builder().build();

	private CachingRerankModel caching(ScoreCache cache) {
		return CachingRerankModel.builder()
			.delegate(this.model)
			.cache(cache)
			.metrics(new MicrometerScoreCacheMetrics(this.meters, cache.getName()))
			.build();
	}

	private static List<String> passages(int count) {
		List<String> words = List.of("solar", "panel", "efficiency", "in", "winter", "wind", "turbine", "snow");
		return IntStream.range(0, count)
			.mapToObj(
					(i) -> "passage " + i + " " + words.get(i % words.size()) + " " + words.get((i * 3) % words.size()))
			.toList();
	}

	@Test
	void aCallWith49CachedPairsAndOneNewSendsOneDocumentToTheModel() {
		CachingRerankModel caching = caching(this.cache);
		List<String> first = passages(49);
		caching.call(new RerankRequest(QUERY, first));
		List<String> second = new ArrayList<>(first);
		second.add(20, "a brand new passage about solar winter");

		RerankResponse response = caching.call(new RerankRequest(QUERY, second));

		assertThat(this.model.requests).hasSize(2);
		assertThat(this.model.requests.get(1).documents()).containsExactly("a brand new passage about solar winter");
		assertThat(response.scoresByIndex(50))
			.containsExactly(this.model.call(new RerankRequest(QUERY, second)).scoresByIndex(50));
		assertThat(this.meters.counter(MicrometerScoreCacheMetrics.HITS, "cache", "local").count()).isEqualTo(49);
		assertThat(this.meters.counter(MicrometerScoreCacheMetrics.MISSES, "cache", "local").count()).isEqualTo(50);
	}

	@Test
	void aFullyCachedCallSendsNothingAndAnswersLikeTheModel() {
		CachingRerankModel caching = caching(this.cache);
		List<String> documents = passages(10);
		RerankResponse cold = caching.call(new RerankRequest(QUERY, documents));

		RerankResponse warm = caching.call(new RerankRequest(QUERY, documents));

		assertThat(this.model.requests).hasSize(1);
		assertThat(warm.getResults()).isEqualTo(cold.getResults());
		assertThat(warm.getMetadata().getModel()).isEqualTo(cold.getMetadata().getModel()).isEqualTo("term-overlap");
	}

	@Test
	void throughThePostProcessorCachedResultsAreTheUncachedOnesDocumentForDocument() {
		RerankingDocumentPostProcessor uncached = RerankingDocumentPostProcessor.builder()
			.rerankModel(new RecordingRerankModel())
			.topN(7)
			.minScore(0.1)
			.minResults(2)
			.build();
		RerankingDocumentPostProcessor cached = RerankingDocumentPostProcessor.builder()
			.rerankModel(caching(this.cache))
			.topN(7)
			.minScore(0.1)
			.minResults(2)
			.build();
		List<Document> documents = new ArrayList<>();
		for (String text : passages(30)) {
			documents.add(Document.builder().text(text).metadata("source", "corpus").score(0.5).build());
		}
		documents.add(Document.builder().text(documents.get(3).getText()).build());
		Query query = new Query(QUERY);

		List<Document> expected = uncached.process(query, documents);
		List<Document> cold = cached.process(query, documents);
		List<Document> warm = cached.process(query, documents);
		List<Document> partial = cached.process(query, documents.subList(5, 31));

		assertThat(cold).isEqualTo(expected);
		assertThat(warm).isEqualTo(expected);
		assertThat(warm).extracting(Document::getMetadata)
			.isEqualTo(expected.stream().map(Document::getMetadata).toList());
		assertThat(partial).isEqualTo(uncached.process(query, documents.subList(5, 31)));
		assertThat(this.model.requests).hasSize(1);
	}

	@Test
	void topNIsAppliedOverCachedAndFreshScores() {
		CachingRerankModel caching = caching(this.cache);
		List<String> documents = List.of("wind turbine", "solar panel efficiency", "snow", "solar winter");
		caching.call(new RerankRequest(QUERY, documents.subList(0, 2)));

		RerankResponse response = caching
			.call(new RerankRequest(QUERY, documents, RerankOptions.builder().topN(2).build()));

		assertThat(response.getResults()).extracting(RerankResult::index).containsExactly(1, 3);
		assertThat(this.model.requests.get(1).documents()).containsExactly("snow", "solar winter");
		assertThat(this.model.requests.get(1).options().getTopN()).isNull();
	}

	@Test
	void anotherModelOrScoreIdentityDoesNotReuseScores() {
		CachingRerankModel caching = caching(this.cache);
		List<String> documents = passages(3);
		caching.call(new RerankRequest(QUERY, documents));

		caching.call(new RerankRequest(QUERY, documents, RerankOptions.builder().model("other-model").build()));
		CachingRerankModel.builder()
			.delegate(this.model)
			.cache(this.cache)
			.scoreIdentity("max-length=128")
			.build()
			.call(new RerankRequest(QUERY, documents));
		caching.call(new RerankRequest(QUERY + "?", documents));

		assertThat(this.model.requests).hasSize(4).allSatisfy((request) -> assertThat(request.documents()).hasSize(3));
		assertThat(this.cache.size()).isEqualTo(12);
	}

	private static final ScoreCache BROKEN = new ScoreCache() {
		@Override
		public Map<String, Double> getAll(List<String> keys) {
			throw new ScoreCacheException("connection refused");
		}

		@Override
		public void putAll(Map<String, Double> scores) {
			throw new ScoreCacheException("connection refused");
		}

		@Override
		public String getName() {
			return "broken";
		}
	};

	@Test
	void aFailingCacheIsLeftAloneForTheCoolDownAndCounted() {
		CachingRerankModel caching = caching(BROKEN);
		List<String> documents = passages(5);

		RerankResponse first = caching.call(new RerankRequest(QUERY, documents));
		RerankResponse second = caching.call(new RerankRequest(QUERY, documents));

		assertThat(first.getResults()).isEqualTo(second.getResults())
			.isEqualTo(this.model.call(new RerankRequest(QUERY, documents)).getResults());
		assertThat(this.model.requests).hasSize(3);
		assertThat(
				this.meters.counter(MicrometerScoreCacheMetrics.ERRORS, "cache", "broken", "operation", "get").count())
			.isEqualTo(1);
		assertThat(
				this.meters.counter(MicrometerScoreCacheMetrics.ERRORS, "cache", "broken", "operation", "put").count())
			.isZero();
		assertThat(this.meters.counter(MicrometerScoreCacheMetrics.BYPASSED, "cache", "broken").count()).isEqualTo(1);
		assertThat(this.meters.counter(MicrometerScoreCacheMetrics.MISSES, "cache", "broken").count()).isEqualTo(10);
	}

	@Test
	void withoutACoolDownAFailingCacheIsAskedOnEveryCall() {
		CachingRerankModel caching = CachingRerankModel.builder()
			.delegate(this.model)
			.cache(BROKEN)
			.metrics(new MicrometerScoreCacheMetrics(this.meters, "broken"))
			.coolDown(java.time.Duration.ZERO)
			.build();
		List<String> documents = passages(5);

		RerankResponse first = caching.call(new RerankRequest(QUERY, documents));
		RerankResponse second = caching.call(new RerankRequest(QUERY, documents));

		assertThat(first.getResults()).isEqualTo(second.getResults())
			.isEqualTo(this.model.call(new RerankRequest(QUERY, documents)).getResults());
		assertThat(this.model.requests).hasSize(3);
		assertThat(
				this.meters.counter(MicrometerScoreCacheMetrics.ERRORS, "cache", "broken", "operation", "get").count())
			.isEqualTo(2);
		assertThat(
				this.meters.counter(MicrometerScoreCacheMetrics.ERRORS, "cache", "broken", "operation", "put").count())
			.isEqualTo(2);
		assertThat(
				this.meters.timer(MicrometerScoreCacheMetrics.DURATION, "cache", "broken", "operation", "get").count())
			.isEqualTo(2);
	}

	@Test
	void aFullyCachedCallIsNotObservedAsAModelCallAndAPartialOneOnlyWithItsMisses() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		RerankModel caching = CachingRerankModel.builder()
			.delegate(ObservedRerankModel.of(this.model, observations))
			.cache(this.cache)
			.build();
		List<String> documents = passages(4);
		caching.call(new RerankRequest(QUERY, documents));
		caching.call(new RerankRequest(QUERY, documents));
		List<String> more = new ArrayList<>(documents);
		more.add("one more passage on solar winter");
		caching.call(new RerankRequest(QUERY, more));

		assertThat(observations).hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2);
		assertThat(observations).hasAnObservation(
				(observation) -> observation.hasHighCardinalityKeyValue("reranker.request.documents", "1"));
		assertThat(ObservedRerankModel.of(caching, observations)).isSameAs(caching);
	}

}

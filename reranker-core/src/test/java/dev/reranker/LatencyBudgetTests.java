package dev.reranker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.reranker.cache.CachingRerankModel;
import dev.reranker.cache.CaffeineScoreCache;
import dev.reranker.observation.ObservedRerankModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The latency budget of {@link RerankingDocumentPostProcessor}, with a model whose cost
 * is a deterministic function of its texts (100 ms per character, a second per
 * candidate), so the count scored follows from the budget alone, with half a second to
 * spare for the time the call itself takes.
 */
class LatencyBudgetTests {

	private static final Query QUERY = new Query("solar panel efficiency winter");

	/** Term-overlap scores; predicts a cost of 100 ms per character of text. */
	static final class CharacterCostModel extends TermOverlapRerankModel implements BudgetedRerankModel {

		volatile Duration lastBudget;

		@Override
		public int affordable(String query, List<String> texts, Duration budget) {
			this.lastBudget = budget;
			long millis = 0;
			int count = 0;
			for (String text : texts) {
				millis += 100L * text.length();
				if (millis > budget.toMillis()) {
					break;
				}
				count++;
			}
			return Math.max(1, count);
		}

	}

	static List<Document> documents() {
		// 10 characters each; the later ones overlap the query more
		return List.of(doc("a", "wind farms"), doc("b", "solar home"), doc("c", "panel unit"), doc("d", "solar cell"),
				doc("e", "solar panel"), doc("f", "winter sun"));
	}

	static Document doc(String id, String text) {
		return Document.builder().id(id).text(text).build();
	}

	@Test
	void scoresTheFirstCandidatesThatFitAndPlacesTheRestUnscoredAfterThem() {
		CharacterCostModel model = new CharacterCostModel();
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<Document> result = RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.latencyBudget(Duration.ofMillis(3500))
			.topN(6)
			.observationRegistry(registry)
			.build()
			.process(QUERY, documents());

		assertThat(model.lastRequest.documents()).containsExactly("wind farms", "solar home", "panel unit");
		// the three scored, by score; then the rest in first-stage order, unscored
		assertThat(result).extracting(Document::getId).containsExactly("b", "c", "a", "d", "e", "f");
		assertThat(result.subList(0, 3))
			.allSatisfy((d) -> assertThat(d.getMetadata()).containsKey(RerankDocumentMetadata.RERANK_SCORE));
		assertThat(result.subList(3, 6))
			.allSatisfy((d) -> assertThat(d.getMetadata()).doesNotContainKey(RerankDocumentMetadata.RERANK_SCORE));
		assertThat(registry).hasObservationWithNameEqualTo("reranker.post_processor")
			.that()
			.hasHighCardinalityKeyValue("reranker.documents.scored", "3");
	}

	@Test
	void theBudgetLeftIsWhatTheModelPlansWith() {
		CharacterCostModel model = new CharacterCostModel();
		RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.latencyBudget(Duration.ofMillis(3500))
			.build()
			.process(QUERY, documents());

		assertThat(model.lastBudget).isPositive().isLessThanOrEqualTo(Duration.ofMillis(3500));
	}

	@Test
	void aBudgetTooSmallForOneCandidateStillScoresTheFirst() {
		CharacterCostModel model = new CharacterCostModel();
		List<Document> result = RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.latencyBudget(Duration.ofNanos(1))
			.topN(6)
			.build()
			.process(QUERY, documents());

		assertThat(model.lastRequest.documents()).containsExactly("wind farms");
		assertThat(result).extracting(Document::getId).containsExactly("a", "b", "c", "d", "e", "f");
		assertThat(result.get(0).getMetadata()).containsKey(RerankDocumentMetadata.RERANK_SCORE);
	}

	@Test
	void aGenerousBudgetScoresEveryCandidate() {
		CharacterCostModel model = new CharacterCostModel();
		List<Document> result = RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.latencyBudget(Duration.ofSeconds(60))
			.topN(6)
			.build()
			.process(QUERY, documents());

		assertThat(model.lastRequest.documents()).hasSize(6);
		assertThat(result).extracting(Document::getId).startsWith("e");
	}

	@Test
	void behindAScoreCacheCachedCandidatesCostNothingSoAWarmCacheScoresFurther() {
		CharacterCostModel model = new CharacterCostModel();
		RerankingDocumentPostProcessor processor = RerankingDocumentPostProcessor.builder()
			.rerankModel(
					CachingRerankModel.builder().delegate(model).cache(CaffeineScoreCache.builder().build()).build())
			.latencyBudget(Duration.ofMillis(3500))
			.topN(6)
			.build();

		processor.process(QUERY, documents());
		assertThat(model.lastRequest.documents()).containsExactly("wind farms", "solar home", "panel unit");

		List<Document> warm = processor.process(QUERY, documents());
		// the first three come from the cache: the budget goes to the next three
		assertThat(model.lastRequest.documents()).containsExactly("solar cell", "solar panel", "winter sun");
		assertThat(warm)
			.allSatisfy((d) -> assertThat(d.getMetadata()).containsKey(RerankDocumentMetadata.RERANK_SCORE));
	}

	@Test
	void anObservedModelKeepsItsPrediction() {
		CharacterCostModel model = new CharacterCostModel();
		RerankingDocumentPostProcessor.builder()
			.rerankModel(ObservedRerankModel.of(model, TestObservationRegistry.create()))
			.latencyBudget(Duration.ofMillis(3500))
			.build()
			.process(QUERY, documents());

		assertThat(model.lastRequest.documents()).containsExactly("wind farms", "solar home", "panel unit");
	}

	@Test
	void withoutABudgetEveryCandidateIsScoredAndTheModelIsNotAsked() {
		CharacterCostModel model = new CharacterCostModel();
		RerankingDocumentPostProcessor.builder().rerankModel(model).build().process(QUERY, documents());

		assertThat(model.lastRequest.documents()).hasSize(6);
		assertThat(model.lastBudget).isNull();
	}

	@Test
	void aModelThatCannotPredictItsCostScoresEveryCandidate() {
		TermOverlapRerankModel model = new TermOverlapRerankModel();
		RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.latencyBudget(Duration.ofNanos(1))
			.build()
			.process(QUERY, documents());

		assertThat(model.lastRequest.documents()).hasSize(6);
	}

	@Test
	void theCountScoredIsLoggedAtDebug() {
		Logger logger = (Logger) LoggerFactory.getLogger(RerankingDocumentPostProcessor.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		logger.addAppender(appender);
		try {
			RerankingDocumentPostProcessor.builder()
				.rerankModel(new CharacterCostModel())
				.latencyBudget(Duration.ofMillis(3500))
				.build()
				.process(QUERY, documents());
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}
		List<String> messages = new ArrayList<>();
		appender.list.forEach((event) -> messages.add(event.getFormattedMessage()));
		assertThat(messages).contains("Latency budget 3500 ms: scoring 3 of 6 candidates with provider 'test'");
	}

	@Test
	void rejectsABudgetThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RerankingDocumentPostProcessor.builder()
				.rerankModel(new CharacterCostModel())
				.latencyBudget(Duration.ZERO)
				.build())
			.withMessageContaining("latencyBudget must be positive")
			.withMessageContaining("RerankingDocumentPostProcessor.Builder#latencyBudget");
	}

}

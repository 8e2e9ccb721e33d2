package dev.reranker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.observation.DefaultRerankObservationConvention;

import org.springframework.ai.content.Media;
import org.springframework.ai.document.ContentFormatter;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.rag.Query;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RerankingDocumentPostProcessorTests {

	private static final Query QUERY = new Query("solar panel efficiency winter");

	private final TermOverlapRerankModel model = new TermOverlapRerankModel();

	@Test
	void aMutatedVariantKeepsEverySettingItDoesNotChange() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		RerankingDocumentPostProcessor configured = processor().options(RerankOptions.builder().model("custom").build())
			.topN(2)
			.maxCandidates(3)
			.failureMode(FailureMode.FAIL)
			.latencyBudget(java.time.Duration.ofSeconds(5))
			.observationRegistry(registry)
			.build();

		RerankingDocumentPostProcessor variant = configured.mutate()
			.contextPolicy(dev.reranker.context.ContextPolicy.builder()
				.ordering(dev.reranker.context.ContextOrdering.SCORE)
				.build())
			.build();
		List<Document> result = variant.process(QUERY, numbered(10));

		assertThat(result).hasSize(2);
		assertThat(this.model.lastRequest.documents()).hasSize(3);
		assertThat(this.model.lastRequest.options().getModel()).isEqualTo("custom");
		assertThat(variant.getFailureMode()).isEqualTo(FailureMode.FAIL);
		assertThat(variant.getLatencyBudget()).isEqualTo(java.time.Duration.ofSeconds(5));
		assertThat(registry).hasObservationWithNameEqualTo("reranker.post_processor");
		assertThat(variant.getContextPolicy()).isNotEqualTo(configured.getContextPolicy());
	}

	@Test
	void sortsCandidatesByRerankScoreDescending() {
		List<Document> documents = List.of(doc("a", "Wind turbines in the north sea", 0.9),
				doc("b", "Solar panel efficiency drops in winter", 0.8), doc("c", "Solar power at home", 0.7),
				doc("d", "Panel efficiency of solar cells", 0.6));

		List<Document> result = processor().build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("b", "d", "c", "a");
		assertThat(result).extracting(Document::getScore).containsExactly(1.0, 0.75, 0.25, 0.0);
	}

	@Test
	void equalScoresKeepFirstStageOrder() {
		List<Document> documents = List.of(doc("a", "solar", null), doc("b", "nothing here", null),
				doc("c", "winter", null), doc("d", "panel", null));

		List<Document> result = processor().build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("a", "c", "d", "b");
	}

	@Test
	void identicalPassagesAreScoredAndKeptSeparately() {
		List<Document> documents = List.of(doc("a", "solar panel", null), doc("b", "solar panel", null),
				doc("c", "winter", null));

		List<Document> result = processor().build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("a", "b", "c");
		assertThat(this.model.lastRequest.documents()).hasSize(3);
	}

	@Test
	void keepsAtMostTopN() {
		List<Document> result = processor().topN(2).build().process(QUERY, numbered(10));

		assertThat(result).hasSize(2);
	}

	@Test
	void minScoreDropsDocumentsBelowItEvenWhenNoneRemain() {
		List<Document> documents = List.of(doc("a", "solar", null), doc("b", "nothing", null));

		assertThat(ids(processor().minScore(0.25).build().process(QUERY, documents))).containsExactly("a");
		assertThat(processor().minScore(0.5).build().process(QUERY, documents)).isEmpty();
	}

	@Test
	void minResultsKeepsTheBestDocumentsBelowMinScore() {
		List<Document> documents = List.of(doc("a", "nothing", null), doc("b", "solar", null),
				doc("c", "solar panel", null), doc("d", "unrelated", null));

		List<Document> result = processor().minScore(0.9).minResults(2).build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("c", "b");
	}

	@Test
	void minResultsDoesNotKeepMoreThanTheThresholdWhenEnoughPass() {
		List<Document> documents = List.of(doc("a", "solar panel efficiency", null), doc("b", "solar", null),
				doc("c", "solar panel efficiency winter", null));

		List<Document> result = processor().minScore(0.7).minResults(1).build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("c", "a");
	}

	@Test
	void scoresAtMostMaxCandidatesAndAppendsTheRestInFirstStageOrder() {
		List<Document> documents = List.of(doc("a", "nothing", null), doc("b", "solar", null),
				doc("c", "solar panel efficiency winter", null), doc("d", "solar panel", null));

		List<Document> result = processor().maxCandidates(2).topN(4).build().process(QUERY, documents);

		assertThat(this.model.lastRequest.documents()).containsExactly("nothing", "solar");
		assertThat(ids(result)).containsExactly("b", "a", "c", "d");
		assertThat(result.get(2).getMetadata()).doesNotContainKey(RerankDocumentMetadata.RERANK_SCORE)
			.containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 3);
	}

	@Test
	void unscoredDocumentsNeverPassMinScore() {
		List<Document> documents = List.of(doc("a", "solar", null), doc("b", "solar panel efficiency winter", null));

		List<Document> result = processor().maxCandidates(1).minScore(0.1).build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("a");
	}

	@Test
	void emptyInputReturnsEmptyListWithoutCallingTheModel() {
		assertThat(processor().build().process(QUERY, List.of())).isEmpty();
		assertThat(this.model.calls).hasValue(0);
	}

	@Test
	void documentsWithoutTextAreNotSentToTheModelAndFollowTheScoredOnes() {
		Document image = new Document("img",
				new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(new byte[] { 1, 2 })), Map.of());
		List<Document> documents = List.of(image, doc("blank", "   ", null), doc("a", "winter", null),
				doc("b", "solar panel", null));

		List<Document> result = processor().build().process(QUERY, documents);

		assertThat(this.model.lastRequest.documents()).containsExactly("winter", "solar panel");
		assertThat(ids(result)).containsExactly("b", "a", "img", "blank");
		assertThat(result.get(2).getMedia()).isSameAs(image.getMedia());
		assertThat(result.get(2).getMetadata()).doesNotContainKey(RerankDocumentMetadata.RERANK_SCORE);
	}

	@Test
	void onlyDocumentsWithoutTextMeansNoModelCall() {
		List<Document> result = processor().build().process(QUERY, List.of(doc("blank", " ", null)));

		assertThat(ids(result)).containsExactly("blank");
		assertThat(this.model.calls).hasValue(0);
	}

	@Test
	void returnedCopiesCarryRerankScoreRetrievalRankAndRetrievalScore() {
		List<Document> documents = List.of(doc("a", "nothing", 0.91), doc("b", "solar panel", null));

		List<Document> result = processor().build().process(QUERY, documents);

		assertThat(result.get(0).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_SCORE, 0.5)
			.containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 2)
			.doesNotContainKey(RerankDocumentMetadata.RETRIEVAL_SCORE);
		assertThat(result.get(1).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_SCORE, 0.0)
			.containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 1)
			.containsEntry(RerankDocumentMetadata.RETRIEVAL_SCORE, 0.91);
		assertThat(result.get(0).getScore()).isEqualTo(0.5);
	}

	@Test
	void inputDocumentsAreNeverMutated() {
		Map<String, Object> metadata = new HashMap<>(Map.of("source", "faq.md"));
		Document input = Document.builder().id("a").text("solar panel").metadata(metadata).score(0.4).build();
		Document snapshot = input.mutate().build();

		Document output = processor().build().process(QUERY, List.of(input)).get(0);

		assertThat(output).isNotSameAs(input);
		assertThat(input).isEqualTo(snapshot);
		assertThat(input.getMetadata()).containsOnlyKeys("source");
		assertThat(output.getMetadata()).containsEntry("source", "faq.md");
	}

	@Test
	void copiesKeepIdTextMetadataAndContentFormatter() {
		ContentFormatter formatter = (document, mode) -> "formatted:" + document.getText();
		Document input = Document.builder().id("kept-id").text("solar panel").metadata("k", "v").build();
		input.setContentFormatter(formatter);

		Document output = processor().build().process(QUERY, List.of(input)).get(0);

		assertThat(output.getId()).isEqualTo("kept-id");
		assertThat(output.getText()).isEqualTo("solar panel");
		assertThat(output.getMetadata()).containsEntry("k", "v");
		assertThat(output.getContentFormatter()).isSameAs(formatter);
		assertThat(output.getFormattedContent(MetadataMode.ALL)).isEqualTo("formatted:solar panel");
	}

	@Test
	void queryContextOverridesTopNAndMinScoreForThatCall() {
		RerankingDocumentPostProcessor processor = processor().topN(5).build();
		List<Document> documents = List.of(doc("a", "solar", null), doc("b", "solar panel", null),
				doc("c", "solar panel efficiency", null), doc("d", "nothing", null));

		Query topTwo = QUERY.mutate().context(Map.of(RerankingDocumentPostProcessor.TOP_N_CONTEXT_KEY, 2)).build();
		Query threshold = QUERY.mutate()
			.context(Map.of(RerankingDocumentPostProcessor.MIN_SCORE_CONTEXT_KEY, "0.5"))
			.build();

		assertThat(ids(processor.process(topTwo, documents))).containsExactly("c", "b");
		assertThat(ids(processor.process(threshold, documents))).containsExactly("c", "b");
		assertThat(ids(processor.process(QUERY, documents))).containsExactly("c", "b", "a", "d");
	}

	@Test
	void invalidQueryContextOverrideNamesTheKey() {
		RerankingDocumentPostProcessor processor = processor().build();
		Query badTopN = QUERY.mutate()
			.context(Map.of(RerankingDocumentPostProcessor.TOP_N_CONTEXT_KEY, "many"))
			.build();
		Query badMinScore = QUERY.mutate()
			.context(Map.of(RerankingDocumentPostProcessor.MIN_SCORE_CONTEXT_KEY, 1.5))
			.build();

		assertThatIllegalArgumentException().isThrownBy(() -> processor.process(badTopN, numbered(3)))
			.withMessageContaining("reranker.top-n")
			.withMessageContaining("many");
		assertThatIllegalArgumentException().isThrownBy(() -> processor.process(badMinScore, numbered(3)))
			.withMessageContaining("reranker.min-score")
			.withMessageContaining("1.5");
	}

	@Test
	void modelFailureFallsBackToFirstStageOrderTrimmedToTopN() {
		RerankModel failing = request -> {
			throw new IllegalStateException("connection refused");
		};
		List<Document> documents = List.of(doc("a", "x", 0.9), doc("b", "solar", 0.8), doc("c", "panel", 0.7));

		List<Document> result = processor().rerankModel(failing).topN(2).build().process(QUERY, documents);

		assertThat(ids(result)).containsExactly("a", "b");
		assertThat(result).allSatisfy(document -> assertThat(document.getMetadata())
			.containsEntry(RerankDocumentMetadata.RERANK_FALLBACK, true)
			.doesNotContainKey(RerankDocumentMetadata.RERANK_SCORE));
		assertThat(result.get(0).getScore()).isEqualTo(0.9);
	}

	@Test
	void modelFailureInFailModeThrowsNamingTheProviderAndCause() {
		RerankModel failing = new TermOverlapRerankModel() {
			@Override
			public RerankResponse call(RerankRequest request) {
				throw new IllegalStateException("connection refused");
			}
		};

		assertThatThrownBy(() -> processor().rerankModel(failing)
			.failureMode(FailureMode.FAIL)
			.build()
			.process(QUERY, numbered(3))).isInstanceOf(RerankException.class)
			.hasMessageContaining("'test'")
			.hasMessageContaining("connection refused")
			.hasCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void scoresOutsideZeroToOneAreAModelFailure() {
		RerankModel broken = request -> new RerankResponse(
				IntStream.range(0, request.documents().size()).mapToObj(i -> new RerankResult(i, 3.2)).toList());

		assertThatThrownBy(
				() -> processor().rerankModel(broken).failureMode(FailureMode.FAIL).build().process(QUERY, numbered(2)))
			.isInstanceOf(RerankException.class)
			.hasMessageContaining("3.2");
		assertThat(processor().rerankModel(broken).build().process(QUERY, numbered(2)))
			.allSatisfy(document -> assertThat(document.getMetadata())
				.containsEntry(RerankDocumentMetadata.RERANK_FALLBACK, true));
	}

	@Test
	void aResponseMissingADocumentIsAModelFailure() {
		RerankModel partial = request -> new RerankResponse(List.of(new RerankResult(0, 0.5)));

		assertThatThrownBy(() -> processor().rerankModel(partial)
			.failureMode(FailureMode.FAIL)
			.build()
			.process(QUERY, numbered(2))).isInstanceOf(RerankException.class)
			.hasMessageContaining("no score for index 1");
	}

	@Test
	void theModelIsAskedForEveryScoreWithTheConfiguredModel() {
		processor().options(RerankOptions.builder().model("custom-model").topN(1).build())
			.build()
			.process(QUERY, numbered(3));

		assertThat(this.model.lastRequest.options().getModel()).isEqualTo("custom-model");
		assertThat(this.model.lastRequest.options().getTopN()).isNull();
	}

	@Test
	void invalidSettingsAreRejectedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> processor().topN(0).build())
			.withMessageContaining("topN");
		assertThatIllegalArgumentException().isThrownBy(() -> processor().minScore(-0.1).build())
			.withMessageContaining("minScore");
		assertThatIllegalArgumentException().isThrownBy(() -> processor().topN(2).minResults(3).build())
			.withMessageContaining("minResults");
		assertThatIllegalArgumentException().isThrownBy(() -> processor().maxCandidates(0).build())
			.withMessageContaining("maxCandidates");
	}

	@Test
	void successfulCallIsObservedWithProviderModelAndCounts() {
		TestObservationRegistry registry = TestObservationRegistry.create();

		processor().observationRegistry(registry).topN(2).build().process(QUERY, numbered(5));

		assertThat(registry).hasSingleObservationThat()
			.hasNameEqualTo(DefaultRerankObservationConvention.DEFAULT_NAME)
			.hasContextualNameEqualTo("rerank documents term-overlap")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
			.hasLowCardinalityKeyValue("gen_ai.system", "test")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "term-overlap")
			.hasLowCardinalityKeyValue("reranker.outcome", "success")
			.hasHighCardinalityKeyValue("reranker.documents.in", "5")
			.hasHighCardinalityKeyValue("reranker.documents.scored", "5")
			.hasHighCardinalityKeyValue("reranker.documents.out", "2")
			.doesNotHaveHighCardinalityKeyValueWithKey("reranker.query")
			.hasBeenStopped();
	}

	@Test
	void fallbackIsObservedAsSuchWithTheError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		RerankModel failing = request -> {
			throw new IllegalStateException("boom");
		};

		processor().rerankModel(failing).observationRegistry(registry).build().process(QUERY, numbered(3));

		assertThat(registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("reranker.outcome", "fallback")
			.hasLowCardinalityKeyValue("gen_ai.system", "custom")
			.hasError();
	}

	@Test
	void queryTextIsRecordedOnlyWhenAskedFor() {
		TestObservationRegistry registry = TestObservationRegistry.create();

		processor().observationRegistry(registry)
			.observationConvention(new DefaultRerankObservationConvention(true))
			.build()
			.process(QUERY, numbered(2));

		assertThat(registry).hasSingleObservationThat().hasHighCardinalityKeyValue("reranker.query", QUERY.text());
	}

	private RerankingDocumentPostProcessor.Builder processor() {
		return RerankingDocumentPostProcessor.builder().rerankModel(this.model);
	}

	private static Document doc(String id, String text, Double score) {
		return Document.builder().id(id).text(text).score(score).build();
	}

	private static List<Document> numbered(int count) {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			documents.add(doc("d" + i, "passage " + i + (i % 2 == 0 ? " solar" : ""), null));
		}
		return documents;
	}

	private static List<String> ids(List<Document> documents) {
		return documents.stream().map(Document::getId).toList();
	}

}

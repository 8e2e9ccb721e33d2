package dev.reranker;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reranker.context.ContextPolicy;
import dev.reranker.passage.LongDocuments;
import dev.reranker.passage.WordWindowing;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Max-passage through {@link RerankingDocumentPostProcessor} with a term-overlap model:
 * one model call for every window, the best window's score and offsets on the returned
 * document, its full text kept, the input untouched.
 */
class LongDocumentsPostProcessorTests {

	private static final String FILLER = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do ";

	@Test
	void aRelevantPassageDeepInALongDocumentScoresItAndIsLocatedByOffsets() {
		TermOverlapRerankModel model = new TermOverlapRerankModel();
		String text = FILLER.repeat(3) + "heat pumps cut winter heating bills " + FILLER.repeat(3);
		Document longDocument = Document.builder().id("long").text(text).build();
		Document partial = Document.builder().id("partial").text("heat is nice").build();
		RerankingDocumentPostProcessor processor = RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.contextPolicy(ContextPolicy.builder()
				.longDocuments(LongDocuments.maxPassage(new WordWindowing(12)).stride(4).build())
				.build())
			.build();

		List<Document> reranked = processor.process(new Query("heat pumps bills"), List.of(partial, longDocument));

		assertThat(model.calls).hasValue(1);
		assertThat(model.lastRequest.documents()).hasSizeGreaterThan(2);
		Document best = reranked.get(0);
		assertThat(best.getId()).isEqualTo("long");
		assertThat(best.getScore()).isEqualTo(1.0);
		assertThat(best.getText()).isEqualTo(text);
		int start = (Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_BEST_WINDOW_START);
		int end = (Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_BEST_WINDOW_END);
		assertThat(text.substring(start, end)).contains("heat pumps cut winter heating bills");
		assertThat((Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_WINDOWS)).isGreaterThan(1);
		assertThat(reranked.get(1).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_WINDOWS, 1)
			.containsEntry(RerankDocumentMetadata.RERANK_BEST_WINDOW_START, 0)
			.containsEntry(RerankDocumentMetadata.RERANK_BEST_WINDOW_END, "heat is nice".length());
		assertThat(longDocument.getMetadata()).isEmpty();
	}

	@Test
	void whenTheModelFailsTheFallbackOrderCarriesNoWindows() {
		RerankModel failing = request -> {
			throw new RerankException("test", "down");
		};
		RerankingDocumentPostProcessor processor = RerankingDocumentPostProcessor.builder()
			.rerankModel(failing)
			.contextPolicy(ContextPolicy.builder()
				.longDocuments(LongDocuments.maxPassage(new WordWindowing(12)).build())
				.build())
			.build();

		List<Document> reranked = processor.process(new Query("heat"),
				List.of(Document.builder().id("long").text(FILLER.repeat(5) + "heat").build()));

		assertThat(reranked).singleElement().satisfies(document -> {
			assertThat(document.getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_FALLBACK, true);
			assertThat(document.getMetadata()).doesNotContainKeys(RerankDocumentMetadata.RERANK_WINDOWS,
					RerankDocumentMetadata.RERANK_BEST_WINDOW_START);
		});
	}

	@Test
	void truncateWritesNoWindowMetadata() {
		RerankingDocumentPostProcessor processor = RerankingDocumentPostProcessor.builder()
			.rerankModel(new TermOverlapRerankModel())
			.build();

		List<Document> reranked = processor.process(new Query("heat"),
				List.of(Document.builder().text(FILLER.repeat(20) + "heat").build()));

		assertThat(reranked.get(0).getMetadata()).doesNotContainKeys(RerankDocumentMetadata.RERANK_WINDOWS,
				RerankDocumentMetadata.RERANK_BEST_WINDOW_START, RerankDocumentMetadata.RERANK_BEST_WINDOW_END);
	}

}

package dev.reranker.autoconfigure.context;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.local.LocalRerankerAutoConfiguration;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.TokenSpans;
import dev.reranker.testfixtures.TinyCrossEncoder;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reranker.long-documents.*} with the local provider, where truncation is real:
 * the fixture cross-encoder with {@code reranker.local.max-length=32} reads 25 tokens of
 * a document next to a four-token query, and the relevant passage of the long document
 * starts past them. One scenario per test.
 */
class LongDocumentsLocalTests {

	private static final String QUERY = "heat pump winter bills";

	private static final String PASSAGE = "heat pump winter bills heat pump winter bills heat pump winter bills";

	private static final String FILLER = "the committee reviewed several unrelated topics during the afternoon session. ";

	private static final String LONG_TEXT = FILLER.repeat(5) + PASSAGE + ". " + FILLER.repeat(2);

	@TempDir
	static Path temp;

	static Path tinyDir;

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LocalRerankerAutoConfiguration.class, RerankerAutoConfiguration.class))
		.withPropertyValues("reranker.local.model=file:" + tinyDir, "reranker.local.max-length=32");

	@BeforeAll
	static void writeFixture() {
		tinyDir = TinyCrossEncoder.write(temp.resolve("tiny-cross-encoder"));
	}

	@Test
	void truncateReadsOnlyTheStartSoTheLongDocumentRanksLast() {
		this.runner.run(context -> {
			List<Document> ranked = rerank(context.getBean(RerankingDocumentPostProcessor.class));

			assertThat(ranked).extracting(Document::getId).containsExactly("rival", "pasta", "long");
			assertThat(ranked.get(2).getMetadata()).doesNotContainKey(RerankDocumentMetadata.RERANK_WINDOWS);
		});
	}

	@Test
	void maxPassageScoresTheLongDocumentByItsRelevantWindowAndPointsAtIt() {
		this.runner.withPropertyValues("reranker.long-documents.strategy=max-passage").run(context -> {
			List<Document> ranked = rerank(context.getBean(RerankingDocumentPostProcessor.class));

			assertThat(ranked).extracting(Document::getId).containsExactly("long", "rival", "pasta");
			Document best = ranked.get(0);
			assertThat(best.getText()).isEqualTo(LONG_TEXT);
			int start = (Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_BEST_WINDOW_START);
			int end = (Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_BEST_WINDOW_END);
			assertThat(LONG_TEXT.substring(start, end)).contains(PASSAGE);
			// The worked example of docs/context.md: 90 tokens in windows of 25 (the room
			// next to the query), 12 apart; the fifth window, tokens 48 to 72, is the
			// best.
			assertThat(best.getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_WINDOWS, 7)
				.containsEntry(RerankDocumentMetadata.RERANK_BEST_WINDOW_START, 343)
				.containsEntry(RerankDocumentMetadata.RERANK_BEST_WINDOW_END, 500);
			assertThat(ranked.get(1).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_WINDOWS, 1);
		});
	}

	@Test
	void windowsAreCutInTheModelsOwnTokensWithTheRoomNextToTheQuery() {
		this.runner.withPropertyValues("reranker.long-documents.strategy=max-passage").run(context -> {
			PassageWindowing windowing = context.getBean(RerankingDocumentPostProcessor.class)
				.getContextPolicy()
				.getLongDocuments()
				.getWindowing();

			assertThat(windowing.room(QUERY)).isEqualTo(32 - 3 - 4);
			TokenSpans tokens = windowing.tokenize(List.of(PASSAGE), 100).get(0);
			assertThat(tokens.count()).isEqualTo(12);
		});
	}

	@Test
	void windowBeyondTheModelsRoomStopsStartUpNamingTheProperty() {
		this.runner
			.withPropertyValues("reranker.long-documents.strategy=max-passage", "reranker.long-documents.window=30")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("reranker.long-documents.window (30) must not exceed the model's room for a "
							+ "document, 28 tokens of the model's tokenizer")
					.hasMessageContaining("reranker.local.max-length");
			});
	}

	private static List<Document> rerank(RerankingDocumentPostProcessor processor) {
		List<Document> candidates = List.of(Document.builder().id("pasta").text("pasta with tomato sauce").build(),
				Document.builder().id("long").text(LONG_TEXT).build(),
				Document.builder().id("rival").text("winter is cold and dark in the north of the country").build());
		return processor.process(new Query(QUERY), candidates);
	}

}

package dev.reranker.autoconfigure.context;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.passage.EstimatedTokenWindowing;
import dev.reranker.passage.LongDocuments;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.WordWindowing;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reranker.long-documents.*} with a remote provider: Cohere's API on loopback,
 * scoring each text by the share of the query's words it contains; windows are cut in
 * estimated (JTokkit) tokens. One scenario per test.
 */
class LongDocumentsRemoteTests {

	private static final String QUERY = "heat pump winter bills";

	private static final String FILLER = "The committee reviewed several unrelated topics during the session. ";

	private static final String LONG_TEXT = FILLER.repeat(8) + "A heat pump cuts winter bills. " + FILLER.repeat(3);

	@RegisterExtension
	final ScoringCohereServer cohere = new ScoringCohereServer();

	@Test
	void everyWindowGoesToTheServerInOneRequestAndTheBestWindowScoresTheDocument() {
		this.cohere.runner()
			.withPropertyValues("reranker.long-documents.strategy=max-passage", "reranker.long-documents.window=40",
					"reranker.long-documents.stride=20")
			.run(context -> {
				List<Document> ranked = rerank(context.getBean(RerankingDocumentPostProcessor.class));

				assertThat(this.cohere.server().requests()).hasSize(1);
				List<String> sent = this.cohere.server().requests().get(0).texts(Protocol.COHERE);
				assertThat(sent).hasSizeGreaterThan(3).contains("heat and winter");
				JTokkitTokenCountEstimator jtokkit = new JTokkitTokenCountEstimator();
				assertThat(sent).allSatisfy(text -> assertThat(jtokkit.estimate(text)).isLessThanOrEqualTo(40));

				assertThat(ranked).extracting(Document::getId).containsExactly("long", "rival");
				Document best = ranked.get(0);
				assertThat(best.getScore()).isEqualTo(1.0);
				assertThat(best.getText()).isEqualTo(LONG_TEXT);
				int start = (Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_BEST_WINDOW_START);
				int end = (Integer) best.getMetadata().get(RerankDocumentMetadata.RERANK_BEST_WINDOW_END);
				assertThat(LONG_TEXT.substring(start, end)).contains("heat pump cuts winter bills");
				assertThat(best.getMetadata().get(RerankDocumentMetadata.RERANK_WINDOWS)).isEqualTo(sent.size() - 1);
			});
	}

	@Test
	void theDefaultWindowComesFromTheProvidersModelLimit() {
		this.cohere.runner().withPropertyValues("reranker.long-documents.strategy=max-passage").run(context -> {
			LongDocuments longDocuments = context.getBean(RerankingDocumentPostProcessor.class)
				.getContextPolicy()
				.getLongDocuments();

			assertThat(longDocuments.getWindow()).isNull();
			assertThat(longDocuments.getWindowing()).isInstanceOfSatisfying(EstimatedTokenWindowing.class,
					windowing -> assertThat(windowing.getMaxTokens()).isEqualTo(4096));
			// The long document fits 4096 tokens: it is sent whole, as one window.
			List<Document> ranked = rerank(context.getBean(RerankingDocumentPostProcessor.class));
			assertThat(this.cohere.server().requests().get(0).texts(Protocol.COHERE)).hasSize(2);
			assertThat(ranked.get(0).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_WINDOWS, 1);
		});
	}

	@Test
	void anApplicationsOwnWindowingWins() {
		PassageWindowing words = new WordWindowing(12);
		this.cohere.runner()
			.withBean(PassageWindowing.class, () -> words)
			.withPropertyValues("reranker.long-documents.strategy=max-passage")
			.run(context -> {
				assertThat(context.getBean(RerankingDocumentPostProcessor.class)
					.getContextPolicy()
					.getLongDocuments()
					.getWindowing()).isSameAs(words);
			});
	}

	@Test
	void truncateIsTheDefaultAndSendsDocumentsWhole() {
		this.cohere.runner().run(context -> {
			RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);
			assertThat(processor.getContextPolicy().getLongDocuments()).isSameAs(LongDocuments.TRUNCATE);

			rerank(processor);

			assertThat(this.cohere.server().requests().get(0).texts(Protocol.COHERE)).containsExactly(LONG_TEXT,
					"heat and winter");
		});
	}

	@Test
	void strideNotBelowTheWindowStopsStartUpNamingBothProperties() {
		this.cohere.runner()
			.withPropertyValues("reranker.long-documents.strategy=max-passage", "reranker.long-documents.window=40",
					"reranker.long-documents.stride=40")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("reranker.long-documents.stride (40) must be less than "
							+ "reranker.long-documents.window (40) so that windows overlap");
			});
	}

	@Test
	void windowWithTruncateStopsStartUpNamingTheStrategy() {
		this.cohere.runner().withPropertyValues("reranker.long-documents.window=40").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(
						"reranker.long-documents.window is set but reranker.long-documents.strategy is " + "truncate");
		});
	}

	@Test
	void maxWindowsBelowOneStopsStartUpNamingTheProperty() {
		this.cohere.runner()
			.withPropertyValues("reranker.long-documents.strategy=max-passage", "reranker.long-documents.max-windows=0")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("reranker.long-documents.max-windows must be at least 1");
			});
	}

	private static List<Document> rerank(RerankingDocumentPostProcessor processor) {
		return processor.process(new Query(QUERY), List.of(Document.builder().id("long").text(LONG_TEXT).build(),
				Document.builder().id("rival").text("heat and winter").build()));
	}

}

package dev.reranker.autoconfigure.context;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.context.DocumentTemplate;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reranker.cutoff}, {@code reranker.cutoff.ratio}, {@code reranker.token-budget}
 * and {@code reranker.ordering} through the auto-configured post-processor, reranking
 * with Cohere's API served on loopback with fixed scores: one scenario per test.
 */
class ContextPropertiesTests {

	/** The scores the server gives documents d0 … d4: d1, d3 clearly best. */
	private static final double[] SCORES = { 0.10, 0.90, 0.30, 0.85, 0.20 };

	@RegisterExtension
	final ScoringCohereServer cohere = new ScoringCohereServer();

	@Test
	void relativeCutoffKeepsDocumentsNearTheBestScore() {
		this.cohere.runner()
			.withPropertyValues("reranker.cutoff=relative", "reranker.cutoff.ratio=0.5")
			.run(context -> {
				assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), documents()))
					.containsExactly("d1", "d3");
			});
	}

	@Test
	void gapCutoffCutsAtTheLargestDropAndMinResultsStillHolds() {
		this.cohere.runner().withPropertyValues("reranker.cutoff=gap", "reranker.min-results=3").run(context -> {
			assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), documents())).containsExactly("d1",
					"d3", "d2");
		});
	}

	@Test
	void tokenBudgetSkipsTheDocumentThatDoesNotFitAndKeepsALaterSmallerOne() {
		List<Document> documents = documents();
		JTokkitTokenCountEstimator jtokkit = new JTokkitTokenCountEstimator();
		// d3 (second best) is long; d1 and d2 (third) fit together.
		documents.set(3, Document.builder().id("d3").text("long ".repeat(200)).build());
		int budget = jtokkit.estimate(documents.get(1).getText()) + jtokkit.estimate(documents.get(2).getText());
		this.cohere.runner().withPropertyValues("reranker.token-budget=" + budget).run(context -> {
			assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), documents)).containsExactly("d1",
					"d2");
		});
	}

	@Test
	void lostInTheMiddleOrderingPutsTheBestAtBothEnds() {
		this.cohere.runner().withPropertyValues("reranker.ordering=lost-in-the-middle").run(context -> {
			// Ranked d1, d3, d2, d4, d0 go out as r1, r3, r5, r4, r2.
			assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), documents())).containsExactly("d1",
					"d2", "d0", "d4", "d3");
		});
	}

	@Test
	void documentTemplateChangesWhatTheModelReadsButNotTheReturnedText() {
		List<Document> documents = documents();
		documents.set(1, Document.builder().id("d1").text("the body").metadata("title", "The Title").build());
		this.cohere.runner().withPropertyValues("reranker.document-template={title}: {text}").run(context -> {
			List<Document> reranked = context.getBean(RerankingDocumentPostProcessor.class)
				.process(new Query("q"), documents);

			assertThat(this.cohere.server().requests().get(0).texts(Protocol.COHERE)).contains("The Title: the body",
					": passage number 0 about something");
			assertThat(reranked).filteredOn(document -> document.getId().equals("d1"))
				.singleElement()
				.extracting(Document::getText)
				.isEqualTo("the body");
		});
	}

	@Test
	void documentTemplateWithoutAPlaceholderStopsStartUpNamingTheProperty() {
		this.cohere.runner().withPropertyValues("reranker.document-template=title").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reranker.document-template must contain a placeholder");
		});
	}

	@Test
	void ratioOutsideItsRangeStopsStartUpNamingTheProperty() {
		this.cohere.runner()
			.withPropertyValues("reranker.cutoff=relative", "reranker.cutoff.ratio=1.5")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("reranker.cutoff.ratio must be greater than 0 and at most 1");
			});
	}

	@Test
	void tokenBudgetBelowOneStopsStartUpNamingTheProperty() {
		this.cohere.runner().withPropertyValues("reranker.token-budget=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reranker.token-budget must be at least 1");
		});
	}

	@Test
	void defaultsLeaveTheRankedListAsItWas() {
		this.cohere.runner().run(context -> {
			RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);
			assertThat(processor.getRankingPolicy().getCutoff()).isEqualTo(dev.reranker.Cutoff.NONE);
			assertThat(processor.getContextPolicy().getTokenBudget()).isNull();
			assertThat(processor.getContextPolicy().getDocumentTemplate()).isSameAs(DocumentTemplate.TEXT);
			assertThat(ids(processor, documents())).containsExactly("d1", "d3", "d2", "d4", "d0");
		});
	}

	private List<String> ids(RerankingDocumentPostProcessor processor, List<Document> documents) {
		return this.cohere.rerank(processor, "which passage", documents, SCORES);
	}

	private static List<Document> documents() {
		List<Document> documents = new java.util.ArrayList<>();
		for (int i = 0; i < SCORES.length; i++) {
			documents.add(Document.builder().id("d" + i).text("passage number " + i + " about something").build());
		}
		return documents;
	}

}

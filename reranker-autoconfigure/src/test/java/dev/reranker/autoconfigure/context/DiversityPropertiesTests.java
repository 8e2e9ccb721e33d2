package dev.reranker.autoconfigure.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reranker.diversity.near-duplicates} and {@code reranker.diversity.mmr-lambda}
 * through the auto-configured post-processor, reranking with Cohere's API served on
 * loopback with fixed scores and embedding with a fixed-vector EmbeddingModel bean: one
 * scenario per test.
 */
class DiversityPropertiesTests {

	/** d0 … d3: two near-identical passages about the price, one about the office. */
	private static final List<String> TEXTS = List.of("Our office is in Lyon, near the train station.",
			"The basic plan costs ten euros a month, billed yearly.",
			"The basic plan costs ten euros a month, billed yearly, taxes included.",
			"Support answers within one working day.");

	/** The server's scores: d1, d2 best, then d0, then d3. */
	private static final double[] SCORES = { 0.60, 0.90, 0.85, 0.20 };

	/** Embeddings: d1 and d2 almost the same direction, d0 and d3 elsewhere. */
	private static final Map<String, float[]> VECTORS = Map.of(TEXTS.get(0), new float[] { 0, 1, 0 }, TEXTS.get(1),
			new float[] { 1, 0, 0 }, TEXTS.get(2), new float[] { 0.99f, 0.14f, 0 }, TEXTS.get(3),
			new float[] { 0, 0, 1 });

	@RegisterExtension
	final ScoringCohereServer cohere = new ScoringCohereServer();

	private final FixedEmbeddingModel embeddingModel = new FixedEmbeddingModel();

	@Test
	void nearDuplicatesKeepOnlyTheBestScoredOne() {
		this.cohere.runner().withPropertyValues("reranker.diversity.near-duplicates=0.5").run((context) -> {
			List<Document> input = documents();
			assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), input)).containsExactly("d1", "d0",
					"d3");
			assertThat(input).extracting(Document::getText).containsExactlyElementsOf(TEXTS);
		});
	}

	@Test
	void mmrMovesTheRedundantPassageBelowADifferentOne() {
		this.cohere.runner()
			.withBean(EmbeddingModel.class, () -> this.embeddingModel)
			.withPropertyValues("reranker.diversity.mmr-lambda=0.5")
			.run((context) -> {
				assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), documents()))
					.containsExactly("d1", "d0", "d3", "d2");
				// One batch with the ranked documents' own texts.
				assertThat(this.embeddingModel.batches)
					.containsExactly(List.of(TEXTS.get(1), TEXTS.get(2), TEXTS.get(0), TEXTS.get(3)));
			});
	}

	@Test
	void mmrReordersTheKeptTopNAndBringsInNoDocumentFromBelowIt() {
		this.cohere.runner()
			.withBean(EmbeddingModel.class, () -> this.embeddingModel)
			.withPropertyValues("reranker.diversity.mmr-lambda=0.5", "reranker.top-n=3")
			.run((context) -> {
				// Ranked top 3 is d1, d2, d0; MMR puts d0 before the redundant d2.
				assertThat(ids(context.getBean(RerankingDocumentPostProcessor.class), documents()))
					.containsExactly("d1", "d0", "d2");
			});
	}

	@Test
	void mmrWithoutAnEmbeddingModelStopsStartUpNamingTheProperty() {
		this.cohere.runner().withPropertyValues("reranker.diversity.mmr-lambda=0.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reranker.diversity.mmr-lambda is set but there is no EmbeddingModel bean");
		});
	}

	@Test
	void mmrWithTwoEmbeddingModelsAndNoPrimaryStopsStartUpNamingTheProperty() {
		this.cohere.runner()
			.withBean("first", EmbeddingModel.class, FixedEmbeddingModel::new)
			.withBean("second", EmbeddingModel.class, FixedEmbeddingModel::new)
			.withPropertyValues("reranker.diversity.mmr-lambda=0.5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("reranker.diversity.mmr-lambda is set and there are 2 EmbeddingModel beans")
					.hasMessageContaining("@Primary");
			});
	}

	@Test
	void nearDuplicatesOutsideItsRangeStopsStartUpNamingTheProperty() {
		this.cohere.runner().withPropertyValues("reranker.diversity.near-duplicates=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reranker.diversity.near-duplicates must be greater than 0 and at most 1");
		});
	}

	@Test
	void mmrLambdaOutsideItsRangeStopsStartUpNamingTheProperty() {
		this.cohere.runner().withPropertyValues("reranker.diversity.mmr-lambda=1.2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reranker.diversity.mmr-lambda must be between 0 and 1");
		});
	}

	@Test
	void diversityIsOffByDefaultAndNeedsNoEmbeddingModel() {
		this.cohere.runner().run((context) -> {
			RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);
			assertThat(processor.getContextPolicy().getNearDuplicates()).isNull();
			assertThat(processor.getContextPolicy().getMaximalMarginalRelevance()).isNull();
			assertThat(ids(processor, documents())).containsExactly("d1", "d2", "d0", "d3");
		});
	}

	private List<String> ids(RerankingDocumentPostProcessor processor, List<Document> documents) {
		return this.cohere.rerank(processor, "how much does the basic plan cost", documents, SCORES);
	}

	private static List<Document> documents() {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < TEXTS.size(); i++) {
			documents.add(Document.builder().id("d" + i).text(TEXTS.get(i)).build());
		}
		return documents;
	}

	/** Fixed vectors per text; records each batch of texts. */
	static final class FixedEmbeddingModel implements EmbeddingModel {

		final List<List<String>> batches = new ArrayList<>();

		@Override
		public EmbeddingResponse call(EmbeddingRequest request) {
			this.batches.add(List.copyOf(request.getInstructions()));
			List<Embedding> embeddings = new ArrayList<>();
			for (int i = 0; i < request.getInstructions().size(); i++) {
				embeddings.add(new Embedding(VECTORS.get(request.getInstructions().get(i)), i));
			}
			return new EmbeddingResponse(embeddings);
		}

		@Override
		public float[] embed(Document document) {
			return VECTORS.get(document.getText());
		}

		@Override
		public int dimensions() {
			return 3;
		}

	}

}

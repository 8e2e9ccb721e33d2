package dev.reranker.embedding;

import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.context.CosineSimilarity;
import dev.reranker.RerankException;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResult;
import dev.reranker.RerankingDocumentPostProcessor;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.rag.Query;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmbeddingRerankModelTests {

	private final HashingEmbeddingModel embeddings = new HashingEmbeddingModel(256);

	private final EmbeddingRerankModel model = new EmbeddingRerankModel(this.embeddings, "hashing");

	@Test
	void scoresAreCosineMappedToTheUnitIntervalInOneEmbeddingCall() {
		List<String> texts = List.of("spring reranker", "garden tools", "spring garden");

		List<Double> scores = this.model.score("spring reranker", texts);

		float[] query = this.embeddings.vector("spring reranker");
		for (int i = 0; i < texts.size(); i++) {
			double cosine = CosineSimilarity.of(query, this.embeddings.vector(texts.get(i)));
			assertThat(scores.get(i)).isCloseTo((cosine + 1) / 2, within(1e-6));
		}
		assertThat(scores.get(0)).isCloseTo(1.0, within(1e-6));
		assertThat(scores.get(1)).isCloseTo(0.5, within(1e-6));
		assertThat(this.embeddings.calls()).isEqualTo(1);
	}

	@Test
	void aCallIsObservedWhenBuiltWithARegistry() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		EmbeddingRerankModel observed = EmbeddingRerankModel.builder()
			.embeddingModel(this.embeddings)
			.modelName("hashing")
			.observationRegistry(registry)
			.build();

		observed.score("spring reranker", List.of("spring reranker", "garden tools"));

		assertThat(registry).hasSingleObservationThat()
			.hasNameEqualTo("gen_ai.client.operation")
			.hasContextualNameEqualTo("rerank hashing")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
			.hasLowCardinalityKeyValue("gen_ai.system", EmbeddingRerankModel.PROVIDER)
			.hasLowCardinalityKeyValue("gen_ai.request.model", "hashing")
			.hasHighCardinalityKeyValue("reranker.request.documents", "2")
			.hasBeenStopped();
	}

	@Test
	void oppositeVectorsScoreZeroAndZeroVectorsScoreOneHalf() {
		assertThat(CosineSimilarity.of(new float[] { 1, 0 }, new float[] { -1, 0 })).isEqualTo(-1.0);
		assertThat(CosineSimilarity.of(new float[] { 0, 0 }, new float[] { 1, 0 })).isEqualTo(0.0);
	}

	@Test
	void ordersDocumentsThroughThePostProcessor() {
		RerankingDocumentPostProcessor postProcessor = RerankingDocumentPostProcessor.builder()
			.rerankModel(this.model)
			.topN(2)
			.build();
		List<Document> documents = List.of(Document.builder().id("a").text("garden tools").build(),
				Document.builder().id("b").text("spring garden").build(),
				Document.builder().id("c").text("a spring reranker").build());

		assertThat(postProcessor.process(new Query("spring reranker"), documents)).extracting(Document::getId)
			.containsExactly("c", "b");
	}

	@Test
	void topNKeepsTheBest() {
		List<RerankResult> results = this.model
			.call(new RerankRequest("spring", List.of("garden", "spring", "spring garden"),
					RerankOptions.builder().topN(1).build()))
			.getResults();

		assertThat(results).extracting(RerankResult::index).containsExactly(1);
	}

	@Test
	void emptyInputDoesNotCallTheEmbeddingModel() {
		assertThat(this.model.call(new RerankRequest("spring", List.of())).getResults()).isEmpty();
		assertThat(this.embeddings.calls()).isZero();
	}

	@Test
	void wrongNumberOfVectorsIsAClearError() {
		EmbeddingModel lossy = new EmbeddingModel() {
			@Override
			public EmbeddingResponse call(EmbeddingRequest request) {
				return new EmbeddingResponse(List.of(new Embedding(new float[] { 1, 0 }, 0)));
			}

			@Override
			public float[] embed(Document document) {
				return new float[] { 1, 0 };
			}
		};

		assertThatThrownBy(() -> new EmbeddingRerankModel(lossy).score("q", List.of("a", "b")))
			.isInstanceOf(RerankException.class)
			.hasMessageContaining("provider 'embedding'")
			.hasMessageContaining("returned 1 vectors for 3 texts");
	}

	@Test
	void mismatchedDimensionsAreAClearError() {
		EmbeddingModel mixed = new EmbeddingModel() {
			@Override
			public EmbeddingResponse call(EmbeddingRequest request) {
				return new EmbeddingResponse(
						List.of(new Embedding(new float[] { 1, 0 }, 0), new Embedding(new float[] { 1, 0, 0 }, 1)));
			}

			@Override
			public float[] embed(Document document) {
				return new float[] { 1, 0 };
			}
		};

		assertThatThrownBy(() -> new EmbeddingRerankModel(mixed).score("q", List.of("a")))
			.hasMessageContaining("the vector for document 0 has 3 dimensions but the query's has 2");
	}

}

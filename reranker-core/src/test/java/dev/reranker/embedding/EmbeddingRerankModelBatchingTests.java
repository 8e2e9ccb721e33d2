package dev.reranker.embedding;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Length-sorted batches and the document-vector cache change how often and how the
 * embedding model is called, never the scores.
 */
class EmbeddingRerankModelBatchingTests {

	/** Records the texts of every embedding call. */
	static final class RecordingEmbeddingModel implements EmbeddingModel {

		final HashingEmbeddingModel delegate = new HashingEmbeddingModel(256);

		final List<List<String>> batches = new ArrayList<>();

		@Override
		public synchronized EmbeddingResponse call(EmbeddingRequest request) {
			this.batches.add(List.copyOf(request.getInstructions()));
			return this.delegate.call(request);
		}

		@Override
		public float[] embed(Document document) {
			return this.delegate.embed(document);
		}

	}

	static List<String> documents() {
		List<String> documents = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			documents.add("spring " + "garden reranker ".repeat((i * 7) % 10) + "tools " + i);
		}
		return documents;
	}

	@Test
	void embedsInBatchesOfSimilarLengthShortestFirstWithTheQuery() {
		RecordingEmbeddingModel embeddings = new RecordingEmbeddingModel();
		EmbeddingRerankModel model = EmbeddingRerankModel.builder().embeddingModel(embeddings).batchSize(4).build();

		model.score("spring reranker", documents());

		assertThat(embeddings.batches).extracting(List::size).containsExactly(4, 4, 3);
		assertThat(embeddings.batches.get(0)).contains("spring reranker");
		int previous = 0;
		for (List<String> batch : embeddings.batches) {
			for (String text : batch) {
				assertThat(text.length()).isGreaterThanOrEqualTo(previous);
				previous = text.length();
			}
		}
	}

	@Test
	void batchedScoresEqualTheScoresOfOneCall() {
		List<String> documents = documents();
		List<Double> oneCall = new EmbeddingRerankModel(new HashingEmbeddingModel(256)).score("spring reranker",
				documents);
		List<Double> batched = EmbeddingRerankModel.builder()
			.embeddingModel(new HashingEmbeddingModel(256))
			.batchSize(3)
			.documentVectors(new CaffeineDocumentVectors(100))
			.build()
			.score("spring reranker", documents);

		for (int i = 0; i < documents.size(); i++) {
			assertThat(batched.get(i)).isCloseTo(oneCall.get(i), within(1e-9));
		}
	}

	@Test
	void cachedDocumentsAreNotEmbeddedAgainOnTheNextQuery() {
		RecordingEmbeddingModel embeddings = new RecordingEmbeddingModel();
		CaffeineDocumentVectors vectors = new CaffeineDocumentVectors(100);
		EmbeddingRerankModel model = EmbeddingRerankModel.builder()
			.embeddingModel(embeddings)
			.documentVectors(vectors)
			.build();
		List<Double> first = model.score("spring reranker", documents());
		embeddings.batches.clear();

		List<Double> second = model.score("spring reranker", documents());

		assertThat(embeddings.batches).containsExactly(List.of("spring reranker"));
		assertThat(second).isEqualTo(first);
		assertThat(vectors.size()).isEqualTo(10);
	}

	@Test
	void identicalDocumentsAreEmbeddedOnceAndScoredEach() {
		RecordingEmbeddingModel embeddings = new RecordingEmbeddingModel();
		EmbeddingRerankModel model = EmbeddingRerankModel.builder().embeddingModel(embeddings).build();

		List<Double> scores = model.score("spring", List.of("spring garden", "tools", "spring garden"));

		assertThat(embeddings.batches).hasSize(1);
		assertThat(embeddings.batches.get(0)).containsExactlyInAnyOrder("spring", "tools", "spring garden");
		assertThat(scores).hasSize(3);
		assertThat(scores.get(0)).isEqualTo(scores.get(2));
	}

	@Test
	void theCacheIsBoundedByItsSize() {
		CaffeineDocumentVectors vectors = new CaffeineDocumentVectors(3);
		EmbeddingRerankModel model = EmbeddingRerankModel.builder()
			.embeddingModel(new HashingEmbeddingModel(64))
			.documentVectors(vectors)
			.build();

		model.score("spring", documents());

		assertThat(vectors.size()).isLessThanOrEqualTo(3);
	}

	@Test
	void keysAreHashesNotTexts() {
		assertThat(DocumentVectors.key("secret text")).hasSize(64).doesNotContain("secret");
	}

	@Test
	void rejectsAnEmptyBatchSizeNamingTheBuilderMethod() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> EmbeddingRerankModel.builder().embeddingModel(new HashingEmbeddingModel(8)).batchSize(0).build())
			.withMessageContaining("EmbeddingRerankModel.Builder#batchSize");
	}

}

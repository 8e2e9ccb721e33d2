package dev.reranker.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MaximalMarginalRelevanceTests {

	// Two near-identical "price" documents and one "office" document.
	private static final Map<String, float[]> VECTORS = Map.of("price a", new float[] { 1, 0 }, "price b",
			new float[] { 0.99f, 0.14f }, "office", new float[] { 0, 1 });

	private final List<List<Document>> calls = new ArrayList<>();

	private final Function<List<Document>, List<float[]>> embeddings = (documents) -> {
		this.calls.add(documents);
		return documents.stream().map((document) -> VECTORS.get(document.getText())).toList();
	};

	private final List<Document> ranked = List.of(doc("price a", 0.9), doc("price b", 0.85), doc("office", 0.6));

	@Test
	void aBalancedLambdaMovesTheRedundantDocumentDown() {
		List<Document> reordered = MaximalMarginalRelevance.of(0.5, this.embeddings).reorder(this.ranked);
		assertThat(reordered).extracting(Document::getText).containsExactly("price a", "office", "price b");
		assertThat(this.calls).hasSize(1);
		assertThat(this.calls.get(0)).containsExactlyElementsOf(this.ranked);
	}

	@Test
	void lambdaOneKeepsTheRankedOrder() {
		assertThat(MaximalMarginalRelevance.of(1, this.embeddings).reorder(this.ranked))
			.containsExactlyElementsOf(this.ranked);
	}

	@Test
	void unscoredDocumentsUseTheirRank() {
		List<Document> unscored = List.of(new Document("price a"), new Document("price b"), new Document("office"));
		assertThat(MaximalMarginalRelevance.of(0.3, this.embeddings).reorder(unscored)).extracting(Document::getText)
			.containsExactly("price a", "office", "price b");
	}

	@Test
	void oneDocumentNeedsNoEmbedding() {
		assertThat(MaximalMarginalRelevance.of(0.5, this.embeddings).reorder(List.of(this.ranked.get(0))))
			.containsExactly(this.ranked.get(0));
		assertThat(this.calls).isEmpty();
	}

	@Test
	void tooFewEmbeddingsFailClearly() {
		assertThatIllegalStateException().isThrownBy(
				() -> MaximalMarginalRelevance.of(0.5, (documents) -> List.of(new float[] { 1 })).reorder(this.ranked))
			.withMessageContaining("returned 1 embeddings for 3 documents");
	}

	@Test
	void rejectsALambdaOutsideTheRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> MaximalMarginalRelevance.of(1.1, this.embeddings))
			.withMessageContaining("lambda must be between 0 and 1");
	}

	private static Document doc(String text, double score) {
		return Document.builder().text(text).score(score).build();
	}

}

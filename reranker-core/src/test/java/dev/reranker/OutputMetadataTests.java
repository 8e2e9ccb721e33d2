package dev.reranker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the post-processor's outputs carry and what they share with the inputs: its own
 * metadata keys set or removed on every output, nested metadata copied, invisible text
 * treated as blank, per-call values that do not fit an int rejected.
 */
class OutputMetadataTests {

	private static final Query QUERY = new Query("solar panel winter");

	private final RerankingDocumentPostProcessor processor = RerankingDocumentPostProcessor.builder()
		.rerankModel(new TermOverlapRerankModel())
		.topN(5)
		.build();

	@Test
	void aSecondPassReplacesTheFirstPassesMarks() {
		Document stale = Document.builder()
			.id("a")
			.text("solar panel")
			.metadata(Map.of(RerankDocumentMetadata.RERANK_FALLBACK, true, RerankDocumentMetadata.RERANK_SCORE, 0.01))
			.build();
		Document unscored = Document.builder()
			.id("b")
			.text("\u200B\u00A0 ")
			.metadata(Map.of(RerankDocumentMetadata.RERANK_SCORE, 0.99, RerankDocumentMetadata.RETRIEVAL_SCORE, 0.5))
			.build();

		List<Document> result = this.processor.process(QUERY, List.of(stale, unscored));

		assertThat(result.get(0).getMetadata()).doesNotContainKey(RerankDocumentMetadata.RERANK_FALLBACK)
			.containsEntry(RerankDocumentMetadata.RERANK_SCORE, 2.0 / 3);
		assertThat(result.get(1).getId()).isEqualTo("b");
		assertThat(result.get(1).getMetadata()).doesNotContainKeys(RerankDocumentMetadata.RERANK_SCORE,
				RerankDocumentMetadata.RETRIEVAL_SCORE);
	}

	@Test
	void textOfInvisibleCharactersIsNotSentToTheModel() {
		TermOverlapRerankModel model = new TermOverlapRerankModel();
		RerankingDocumentPostProcessor recording = RerankingDocumentPostProcessor.builder().rerankModel(model).build();

		recording.process(QUERY, List.of(Document.builder().id("a").text("\u200B\u00A0\uFEFF\u2060").build(),
				Document.builder().id("b").text("winter").build()));

		assertThat(model.lastRequest.documents()).containsExactly("winter");
	}

	@Test
	void changingAnOutputsNestedMetadataLeavesTheInputAlone() {
		Map<String, Object> source = new HashMap<>(Map.of("page", 3));
		List<String> tags = new ArrayList<>(List.of("energy"));
		Document input = Document.builder()
			.id("a")
			.text("solar")
			.metadata(new HashMap<>(Map.of("source", source, "tags", tags)))
			.build();

		Document output = this.processor.process(QUERY, List.of(input)).get(0);
		@SuppressWarnings("unchecked")
		Map<String, Object> outputSource = (Map<String, Object>) output.getMetadata().get("source");
		outputSource.put("page", 99);
		@SuppressWarnings("unchecked")
		List<String> outputTags = (List<String>) output.getMetadata().get("tags");
		outputTags.add("changed");

		assertThat(source).containsEntry("page", 3);
		assertThat(tags).containsExactly("energy");
	}

	@Test
	void topNThatOverflowsAnIntIsRejectedNotWrapped() {
		Query query = Query.builder()
			.text("solar")
			.context(Map.of(RankingPolicy.TOP_N_CONTEXT_KEY, 4294967301L))
			.build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.processor.process(query, List.of(Document.builder().id("a").text("x").build())))
			.withMessageContaining("'reranker.top-n' must be an integer >= 1 but was '4294967301'");
	}

}

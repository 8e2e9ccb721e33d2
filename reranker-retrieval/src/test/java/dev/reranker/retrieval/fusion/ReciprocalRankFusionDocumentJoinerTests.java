package dev.reranker.retrieval.fusion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reranker.retrieval.RetrievalDocumentMetadata;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ReciprocalRankFusionDocumentJoinerTests {

	private static Document doc(String id, String text, Map<String, Object> metadata) {
		return Document.builder().id(id).text(text).metadata(metadata).build();
	}

	private static Document doc(String id) {
		return doc(id, "text of " + id, Map.of());
	}

	private static Map<Query, List<List<Document>>> lists(List<Document>... lists) {
		return Map.of(new Query("q"), List.of(lists));
	}

	@Test
	void fusesRanksAsHandComputed() {
		// vector: a b c ; keyword: c a d (k = 60)
		// a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
		List<Document> fused = new ReciprocalRankFusionDocumentJoiner()
			.join(lists(List.of(doc("a"), doc("b"), doc("c")), List.of(doc("c"), doc("a"), doc("d"))));

		assertThat(fused).extracting(Document::getId).containsExactly("a", "c", "b", "d");
		assertThat(fused.get(0).getScore()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
		assertThat(fused.get(1).getScore()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
		assertThat(fused.get(2).getScore()).isCloseTo(1.0 / 62, within(1e-12));
		assertThat(fused.get(3).getScore()).isCloseTo(1.0 / 63, within(1e-12));
		assertThat(fused.get(1).getMetadata()).containsEntry(RetrievalDocumentMetadata.FUSED_RANK, 2)
			.containsEntry(RetrievalDocumentMetadata.FUSED_SCORE, fused.get(1).getScore());
	}

	@Test
	void weightsAndKChangeTheFusionAsHandComputed() {
		// k = 10, weights 1 and 3. vector: a b ; keyword: b a
		// a: 1/11 + 3/12 = 0.3409, b: 1/12 + 3/11 = 0.3561
		List<Document> fused = ReciprocalRankFusionDocumentJoiner.builder()
			.k(10)
			.weights(1.0, 3.0)
			.build()
			.join(lists(List.of(doc("a"), doc("b")), List.of(doc("b"), doc("a"))));

		assertThat(fused).extracting(Document::getId).containsExactly("b", "a");
		assertThat(fused.get(0).getScore()).isCloseTo(1.0 / 12 + 3.0 / 11, within(1e-12));
		assertThat(fused.get(1).getScore()).isCloseTo(1.0 / 11 + 3.0 / 12, within(1e-12));
	}

	@Test
	void duplicatesCountOncePerListAndKeepTheBestRankedCopyWithMergedMetadata() {
		Document vectorCopy = doc("a", "vector text", Map.of("distance", 0.2, "source", "v"));
		Document keywordCopy = doc("a", "keyword text",
				Map.of(RetrievalDocumentMetadata.KEYWORD_SCORE, 4.2, "source", "k"));
		List<Document> fused = new ReciprocalRankFusionDocumentJoiner()
			.join(lists(List.of(doc("x"), vectorCopy, doc("a")), List.of(keywordCopy)));

		assertThat(fused).extracting(Document::getId).containsExactly("a", "x");
		Document a = fused.get(0);
		assertThat(a.getScore()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
		assertThat(a.getText()).isEqualTo("keyword text");
		assertThat(a.getMetadata()).containsEntry("source", "k")
			.containsEntry("distance", 0.2)
			.containsEntry(RetrievalDocumentMetadata.KEYWORD_SCORE, 4.2);
	}

	@Test
	void tiesKeepTheBetterRankThenFirstAppearance() {
		List<Document> fused = new ReciprocalRankFusionDocumentJoiner()
			.join(lists(List.of(doc("a"), doc("b")), List.of(doc("c"), doc("d"))));

		assertThat(fused).extracting(Document::getId).containsExactly("a", "c", "b", "d");
	}

	@Test
	void fusesAcrossExpandedQueriesAndHonoursTheLimit() {
		Map<Query, List<List<Document>>> input = new LinkedHashMap<>();
		input.put(new Query("q1"), List.of(List.of(doc("a"), doc("b"))));
		input.put(new Query("q2"), List.of(List.of(doc("b"), doc("c"))));

		List<Document> fused = ReciprocalRankFusionDocumentJoiner.builder().limit(2).build().join(input);

		assertThat(fused).extracting(Document::getId).containsExactly("b", "a");
	}

	@Test
	void aSingleListKeepsItsOrderAndDocumentsWithoutDuplicates() {
		Document b = Document.builder().id("b").text("b").score(0.1).build();
		Document a = Document.builder().id("a").text("a").score(0.9).build();

		List<Document> joined = new ReciprocalRankFusionDocumentJoiner()
			.join(lists(List.of(b, a, Document.builder().id("b").text("again").build())));

		assertThat(joined).containsExactly(b, a);
	}

	@Test
	void inputDocumentsAreNotChanged() {
		Document a = doc("a", "text", Map.of("m", 1));
		new ReciprocalRankFusionDocumentJoiner().join(lists(List.of(a), List.of(doc("b"))));

		assertThat(a.getMetadata()).containsOnlyKeys("m");
		assertThat(a.getScore()).isNull();
	}

	@Test
	void emptyInputGivesAnEmptyList() {
		assertThat(new ReciprocalRankFusionDocumentJoiner().join(Map.of())).isEmpty();
		assertThat(new ReciprocalRankFusionDocumentJoiner().join(lists(List.of(), List.of()))).isEmpty();
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReciprocalRankFusionDocumentJoiner.builder().k(-1).build())
			.withMessageContaining("k must be >= 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReciprocalRankFusionDocumentJoiner.builder().weights(1.0, -2.0).build())
			.withMessageContaining("weights");
	}

}

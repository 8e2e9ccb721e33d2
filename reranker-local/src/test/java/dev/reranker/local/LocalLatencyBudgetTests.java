package dev.reranker.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.testfixtures.TinyCrossEncoder;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency budget on the real local model: it predicts its cost from the pairs'
 * tokens, so a tiny budget scores few candidates and a generous one all of them.
 */
class LocalLatencyBudgetTests {

	@TempDir
	static Path temp;

	static LocalRerankModel model;

	@BeforeAll
	static void load() {
		model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(TinyCrossEncoder.write(temp.resolve("tiny")), null,
					LocalEngine.ONNX_RUNTIME))
			.build();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	static List<Document> candidates() {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			documents
				.add(new Document("candidate " + i + " about solar panel efficiency " + "and the grid ".repeat(i)));
		}
		return documents;
	}

	RerankingDocumentPostProcessor postProcessor(Duration budget, TestObservationRegistry registry) {
		return RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.latencyBudget(budget)
			.topN(40)
			.observationRegistry(registry)
			.build();
	}

	@Test
	void tinyBudgetScoresAtLeastOneButNotAllCandidates() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<Document> result = postProcessor(Duration.ofNanos(1), registry).process(new Query("solar panel"),
				candidates());

		long scored = result.stream()
			.filter((d) -> d.getMetadata().containsKey(RerankDocumentMetadata.RERANK_SCORE))
			.count();
		assertThat(scored).isEqualTo(1);
		assertThat(result).hasSize(40);
		// the scored one is the first candidate, the rest follow unscored in first-stage
		// order
		assertThat(result.get(0).getMetadata()).containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 1);
		for (int i = 1; i < result.size(); i++) {
			assertThat(result.get(i).getMetadata()).containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, i + 1)
				.doesNotContainKey(RerankDocumentMetadata.RERANK_SCORE);
		}
		assertThat(registry).hasObservationWithNameEqualTo("reranker.post_processor")
			.that()
			.hasHighCardinalityKeyValue("reranker.documents.scored", "1");
	}

	@Test
	void generousBudgetScoresEveryCandidate() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<Document> result = postProcessor(Duration.ofMinutes(1), registry).process(new Query("solar panel"),
				candidates());

		assertThat(result).hasSize(40)
			.allSatisfy((d) -> assertThat(d.getMetadata()).containsKey(RerankDocumentMetadata.RERANK_SCORE));
		assertThat(registry).hasObservationWithNameEqualTo("reranker.post_processor")
			.that()
			.hasHighCardinalityKeyValue("reranker.documents.scored", "40");
	}

	@Test
	void predictsFewerCandidatesForASmallerBudget() {
		List<String> texts = candidates().stream().map(Document::getText).toList();
		int all = model.affordable("solar panel", texts, Duration.ofMinutes(1));
		int one = model.affordable("solar panel", texts, Duration.ofNanos(1));

		assertThat(all).isEqualTo(40);
		assertThat(one).isEqualTo(1);
	}

}

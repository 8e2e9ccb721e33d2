package dev.reranker.local;

import java.nio.file.Path;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.observation.RerankObservationContext;
import dev.reranker.testfixtures.TinyCrossEncoder;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local cross-encoder observes its own calls (real ONNX inference on the tiny
 * fixture); loading and the warm-up batch are not observed.
 */
class LocalRerankModelObservationTests {

	@TempDir
	static Path temp;

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void aDirectCallIsObservedAsALocalRerankOperation() {
		try (LocalRerankModel model = load("tiny-observed")) {
			assertThat(this.registry).doesNotHaveAnyObservation();

			List<Double> scores = model.score(LocalRerankModelTests.QUERY, LocalRerankModelTests.DOCUMENTS);

			assertThat(scores).hasSize(LocalRerankModelTests.DOCUMENTS.size());
			assertThat(this.registry).hasSingleObservationThat()
				.hasNameEqualTo("gen_ai.client.operation")
				.hasContextualNameEqualTo("rerank tiny-observed")
				.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
				.hasLowCardinalityKeyValue("gen_ai.system", LocalRerankModel.PROVIDER)
				.hasLowCardinalityKeyValue("gen_ai.request.model", "tiny-observed")
				.hasLowCardinalityKeyValue("gen_ai.response.model", "tiny-observed")
				.hasHighCardinalityKeyValue("reranker.request.documents", "4")
				.hasHighCardinalityKeyValue("reranker.response.results", "4")
				.doesNotHaveError()
				.hasBeenStopped();
		}
	}

	@Test
	void throughThePostProcessorTheModelObservationIsItsChild() {
		try (LocalRerankModel model = load("tiny-nested")) {
			RerankingDocumentPostProcessor.builder()
				.rerankModel(model)
				.observationRegistry(this.registry)
				.build()
				.process(new Query(LocalRerankModelTests.QUERY),
						LocalRerankModelTests.DOCUMENTS.stream().map(Document::new).toList());

			assertThat(this.registry).hasNumberOfObservationsEqualTo(2)
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasParentObservationContextMatching(RerankObservationContext.class::isInstance)
				.hasLowCardinalityKeyValue("gen_ai.system", "local");
		}
	}

	private LocalRerankModel load(String name) {
		Path dir = TinyCrossEncoder.write(temp.resolve(name));
		return LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.modelName(name)
			.observationRegistry(this.registry)
			.build();
	}

}

package dev.reranker.observation;

import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankException;
import dev.reranker.RerankModel;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.embedding.EmbeddingRerankModel;
import dev.reranker.embedding.HashingEmbeddingModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservedRerankModelTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void aDirectCallOfAWrappedModelIsObservedAsAGenAiRerankOperation() {
		RerankModel model = ObservedRerankModel.of(new TermOverlapRerankModel(), this.registry);

		List<Double> scores = model.score("solar panels", List.of("solar power", "wind", "solar panels"));

		assertThat(scores).containsExactly(0.5, 0.0, 1.0);
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("gen_ai.client.operation")
			.hasContextualNameEqualTo("rerank term-overlap")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
			.hasLowCardinalityKeyValue("gen_ai.system", "test")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "term-overlap")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "term-overlap")
			.hasHighCardinalityKeyValue("reranker.request.documents", "3")
			.hasHighCardinalityKeyValue("reranker.response.results", "3")
			.doesNotHaveHighCardinalityKeyValueWithKey("reranker.request.top_n")
			.doesNotHaveError()
			.hasBeenStopped();
	}

	@Test
	void theRequestedModelAndTopNAreRecorded() {
		RerankModel model = ObservedRerankModel.of(new TermOverlapRerankModel(), this.registry);

		model.call(new RerankRequest("solar", List.of("solar", "wind"),
				RerankOptions.builder().model("other-model").topN(1).build()));

		assertThat(this.registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("rerank other-model")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "other-model")
			.hasHighCardinalityKeyValue("reranker.request.top_n", "1");
	}

	@Test
	void aFailedCallIsObservedWithItsErrorAndRethrown() {
		RerankException failure = new RerankException("mine", "boom");
		RerankModel model = ObservedRerankModel.of(request -> {
			throw failure;
		}, this.registry);

		assertThatThrownBy(() -> model.score("q", List.of("a"))).isSameAs(failure);

		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("gen_ai.system", "custom")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "none")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "none")
			.hasError(failure)
			.hasBeenStopped();
	}

	@Test
	void theModelObservationIsAChildOfThePostProcessorObservation() {
		RerankingDocumentPostProcessor postProcessor = RerankingDocumentPostProcessor.builder()
			.rerankModel(ObservedRerankModel.of(new TermOverlapRerankModel(), this.registry))
			.observationRegistry(this.registry)
			.build();

		postProcessor.process(new Query("solar"), List.of(new Document("solar power"), new Document("wind")));

		assertThat(this.registry).hasNumberOfObservationsEqualTo(2)
			.hasObservationWithNameEqualTo("reranker.post_processor")
			.that()
			.doesNotHaveParentObservation()
			.hasLowCardinalityKeyValue("reranker.outcome", "success");
		assertThat(this.registry).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationContextMatching(RerankObservationContext.class::isInstance)
			.hasHighCardinalityKeyValue("reranker.request.documents", "2");
	}

	@Test
	void aModelThatObservesItselfIsNotObservedTwice() {
		HashingEmbeddingModel embeddings = new HashingEmbeddingModel(16);
		RerankModel selfObserving = EmbeddingRerankModel.builder()
			.embeddingModel(embeddings)
			.observationRegistry(this.registry)
			.build();
		RerankModel wrapped = ObservedRerankModel.of(new TermOverlapRerankModel(), this.registry);
		RerankModel unobserved = new EmbeddingRerankModel(embeddings);

		assertThat(ObservedRerankModel.of(selfObserving, this.registry)).isSameAs(selfObserving);
		assertThat(ObservedRerankModel.of(wrapped, this.registry)).isSameAs(wrapped);
		assertThat(ObservedRerankModel.of(unobserved, this.registry)).isInstanceOf(ObservedRerankModel.class);

		ObservedRerankModel.of(selfObserving, this.registry).score("q", List.of("a"));
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1);
	}

	@Test
	void aConventionReplacesNamesAndTags() {
		RerankModelObservationConvention convention = new DefaultRerankModelObservationConvention() {
			@Override
			public String getName() {
				return "my.rerank";
			}

			@Override
			public KeyValues getHighCardinalityKeyValues(RerankModelObservationContext context) {
				return KeyValues.of("query", context.getRequest().query());
			}
		};
		RerankModel model = ObservedRerankModel.of(new TermOverlapRerankModel(), this.registry, convention);

		model.score("solar", List.of("solar"));

		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("my.rerank")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
			.hasHighCardinalityKeyValue("query", "solar");
	}

	@Test
	void aNoopRegistryLeavesTheModelAsItIsAndAWrappedModelDelegates() {
		TermOverlapRerankModel unobserved = new TermOverlapRerankModel();

		assertThat(ObservedRerankModel.of(unobserved, ObservationRegistry.NOOP)).isSameAs(unobserved);
		RerankModel model = ObservedRerankModel.of(unobserved, this.registry);
		assertThat(model.getProviderName()).isEqualTo("test");
		assertThat(model.getDefaultOptions().getModel()).isEqualTo("term-overlap");
		assertThat(model.score("solar", List.of("solar"))).containsExactly(1.0);
	}

}

package dev.reranker.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.observation.RerankModelObservationContext;
import dev.reranker.observation.RerankObservationContext;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * The HTTP exchange runs on another thread (to enforce the deadline), yet its client
 * observation is a child of the rerank observation: the caller's context travels along.
 */
class ContextPropagationTests {

	private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	ContextPropagationTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStart(Observation.Context context) {
				ContextPropagationTests.this.started.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
	}

	@Test
	void httpClientObservationIsAChildOfTheRerankObservation() {
		List<Observation.Context> started = this.started;
		ObservationRegistry registry = this.registry;
		try (LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE)) {
			CohereRerankModel model = CohereRerankModel.builder()
				.baseUrl(server.baseUrl())
				.restClientBuilder(RestClient.builder().observationRegistry(registry))
				.build();
			RerankingDocumentPostProcessor.builder()
				.rerankModel(model)
				.observationRegistry(registry)
				.build()
				.process(new Query("spring"), List.of(new Document("spring"), new Document("autumn")));
		}

		Observation.Context rerank = started.stream()
			.filter(RerankObservationContext.class::isInstance)
			.findFirst()
			.orElseThrow();
		Observation.Context http = started.stream()
			.filter(ClientRequestObservationContext.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(http.getParentObservation()).isNotNull();
		assertThat(http.getParentObservation().getContextView()).isSameAs(rerank);
	}

	@Test
	void httpClientObservationNestsUnderTheModelObservationUnderThePostProcessorObservation() {
		try (LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE)) {
			CohereRerankModel model = CohereRerankModel.builder()
				.baseUrl(server.baseUrl())
				.restClientBuilder(RestClient.builder().observationRegistry(this.registry))
				.observationRegistry(this.registry)
				.build();
			RerankingDocumentPostProcessor.builder()
				.rerankModel(model)
				.observationRegistry(this.registry)
				.build()
				.process(new Query("spring"), List.of(new Document("spring"), new Document("autumn")));
		}

		Observation.Context postProcessor = first(RerankObservationContext.class);
		Observation.Context modelCall = first(RerankModelObservationContext.class);
		Observation.Context http = first(ClientRequestObservationContext.class);
		assertThat(http.getParentObservation().getContextView()).isSameAs(modelCall);
		assertThat(modelCall.getParentObservation().getContextView()).isSameAs(postProcessor);
	}

	private Observation.Context first(Class<?> type) {
		return this.started.stream().filter(type::isInstance).findFirst().orElseThrow();
	}

}

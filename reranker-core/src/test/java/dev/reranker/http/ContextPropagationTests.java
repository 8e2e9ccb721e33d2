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

	@Test
	void httpClientObservationIsAChildOfTheRerankObservation() {
		List<Observation.Context> started = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStart(Observation.Context context) {
				started.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
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

}

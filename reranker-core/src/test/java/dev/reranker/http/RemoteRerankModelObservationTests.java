package dev.reranker.http;

import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.jina.JinaRerankModel;
import dev.reranker.tei.TeiRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.voyage.VoyageRerankModel;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every remote provider observes its own calls, real HTTP on loopback included.
 */
class RemoteRerankModelObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void aDirectCallIsObservedWithProviderAndModel(Protocol protocol) {
		try (LoopbackRerankServer server = LoopbackRerankServer.start(protocol)) {
			RemoteRerankModel model = observed(server);

			List<Double> scores = model.score("solar panels", List.of("solar power", "wind", "solar panels"));

			assertThat(scores).containsExactly(0.5, 0.0, 1.0);
			String expectedModel = (model.getDefaultOptions().getModel() != null) ? model.getDefaultOptions().getModel()
					: "none";
			assertThat(this.registry).hasSingleObservationThat()
				.hasNameEqualTo("gen_ai.client.operation")
				.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
				.hasLowCardinalityKeyValue("gen_ai.system", model.getProviderName())
				.hasLowCardinalityKeyValue("gen_ai.request.model", expectedModel)
				.hasLowCardinalityKeyValue("gen_ai.response.model", expectedModel)
				.hasHighCardinalityKeyValue("reranker.request.documents", "3")
				.hasHighCardinalityKeyValue("reranker.response.results", "3")
				.doesNotHaveError()
				.hasBeenStopped();
		}
	}

	@Test
	void aFailedCallIsObservedWithTheError() {
		try (LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.COHERE)) {
			server.enqueue(LoopbackRerankServer.Reply.status(400));
			RemoteRerankModel model = CohereRerankModel.builder()
				.baseUrl(server.baseUrl())
				.settings(RemoteModels.FAST)
				.observationRegistry(this.registry)
				.build();

			assertThatThrownBy(() -> model.score("q", List.of("a"))).isInstanceOf(RemoteRerankException.class);

			assertThat(this.registry).hasSingleObservationThat()
				.hasLowCardinalityKeyValue("gen_ai.system", "cohere")
				.hasError()
				.hasBeenStopped();
		}
	}

	private RemoteRerankModel observed(LoopbackRerankServer server) {
		return switch (server.protocol()) {
			case COHERE -> configure(CohereRerankModel.builder(), server).build();
			case JINA -> configure(JinaRerankModel.builder(), server).build();
			case VOYAGE -> configure(VoyageRerankModel.builder(), server).build();
			case TEI -> configure(TeiRerankModel.builder(), server).build();
		};
	}

	private <B extends RemoteRerankModel.Builder<B>> B configure(B builder, LoopbackRerankServer server) {
		return builder.baseUrl(server.baseUrl()).settings(RemoteModels.FAST).observationRegistry(this.registry);
	}

}

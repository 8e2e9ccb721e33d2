package dev.reranker.http;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a failed remote call says, for every provider against a loopback server: the
 * provider, the status or cause, the URL, and the builder method to change, but never the
 * API key.
 */
class RemoteErrorMessagesTests {

	private static final String KEY = "sk-error-messages-0123456789";

	private static final List<String> TEXTS = List.of("spring", "autumn");

	private LoopbackRerankServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private RemoteRerankModel model(Protocol protocol, RemoteCallSettings settings) {
		this.server = LoopbackRerankServer.start(protocol);
		return RemoteModels.create(this.server, builder -> builder.apiKey(KEY).settings(settings));
	}

	private String prefix(Protocol protocol) {
		return "Reranking with provider '" + protocol.name().toLowerCase() + "' failed: ";
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void rejectedKeyNamesProviderStatusUrlAndTheBuilderMethod(Protocol protocol) {
		RemoteRerankModel model = model(protocol, RemoteModels.FAST);
		this.server.enqueue(Reply.raw(401, "application/json", "{\"message\":\"invalid api key " + KEY + "\"}"));

		assertThatThrownBy(() -> model.score("spring", TEXTS))
			.isInstanceOfSatisfying(RemoteRerankException.class, ex -> assertThat(ex.getStatusCode()).isEqualTo(401))
			.hasMessageStartingWith(prefix(protocol) + "HTTP 401 from POST " + this.server.baseUrl() + protocol.path())
			.hasMessageContaining("(check the API key, RemoteRerankModel.Builder#apiKey)")
			.hasMessageContaining("invalid api key [REDACTED]")
			.hasMessageNotContaining(KEY);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void tooLargeRequestPointsAtTheBatchSize(Protocol protocol) {
		RemoteRerankModel model = model(protocol, RemoteModels.FAST);
		this.server.enqueue(Reply.status(413));

		assertThatThrownBy(() -> model.score("spring", TEXTS)).hasMessageStartingWith(prefix(protocol) + "HTTP 413")
			.hasMessageContaining("lower RemoteRerankModel.Builder#maxDocumentsPerRequest");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void refusedConnectionNamesTheMostSpecificCause(Protocol protocol) {
		RemoteRerankModel model = model(protocol,
				new RemoteCallSettings(Duration.ofSeconds(5), 0, Duration.ZERO, Duration.ZERO));
		String baseUrl = this.server.baseUrl();
		this.server.close();

		assertThatThrownBy(() -> model.score("spring", TEXTS)).isInstanceOf(RemoteRerankException.class)
			.hasMessageStartingWith(prefix(protocol) + "gave up without retrying; last error: I/O error calling POST "
					+ baseUrl + protocol.path() + ": ConnectException");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void missedDeadlineSaysWhatToRaise(Protocol protocol) {
		RemoteRerankModel model = model(protocol, RemoteModels.FAST.withDeadline(Duration.ofMillis(300)));
		this.server.faults(request -> Reply.slow(Duration.ofSeconds(2)));

		assertThatThrownBy(() -> model.score("spring", TEXTS))
			.hasMessageStartingWith(
					prefix(protocol) + "no answer from " + this.server.baseUrl() + " within the deadline of 300 ms")
			.hasMessageContaining("raise RemoteCallSettings#deadline (RemoteRerankModel.Builder#settings)");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void batchSizeBelowOneNamesTheProvidersBuilder(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		String builder = switch (protocol) {
			case COHERE -> "CohereRerankModel";
			case JINA -> "JinaRerankModel";
			case VOYAGE -> "VoyageRerankModel";
			case TEI -> "TeiRerankModel";
		};

		assertThatIllegalArgumentException()
			.isThrownBy(() -> RemoteModels.create(this.server, b -> b.maxDocumentsPerRequest(0)))
			.withMessage(
					"maxDocumentsPerRequest must be >= 1 but was 0 (" + builder + ".Builder#maxDocumentsPerRequest)");
	}

}

package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reranker.FailureMode;
import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankException;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.RecordedRequest;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Result;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * Every remote provider against a loopback server that speaks its protocol: correct
 * answers, partial and shuffled answers, batching, each malformed answer, and HTTP
 * failures and timeouts under both failure modes.
 */
class RemoteRerankModelTests {

	private static final String KEY = "sk-test-1234567890";

	private static final String QUERY = "spring reranker observability";

	private static final List<String> TEXTS = List.of("a text about gardening",
			"spring reranker with observability built in", "the spring season", "reranker for spring ai",
			"observability dashboards");

	private LoopbackRerankServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private RemoteRerankModel model(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		return RemoteModels.create(this.server, KEY);
	}

	private static RerankingDocumentPostProcessor postProcessor(RemoteRerankModel model, FailureMode mode) {
		return RerankingDocumentPostProcessor.builder().rerankModel(model).topN(3).failureMode(mode).build();
	}

	private static List<Document> documents() {
		return TEXTS.stream()
			.map(text -> Document.builder().id("id-" + TEXTS.indexOf(text)).text(text).build())
			.toList();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void scoresEveryTextByIndexAndSpeaksTheProtocol(Protocol protocol) {
		RemoteRerankModel model = model(protocol);
		this.server.shuffle(true);

		List<Double> scores = model.score(QUERY, TEXTS);

		for (int i = 0; i < TEXTS.size(); i++) {
			assertThat(scores.get(i)).isCloseTo(LoopbackRerankServer.score(QUERY, TEXTS.get(i)), within(1e-9));
		}
		RecordedRequest request = this.server.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(protocol.path());
		assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
		assertThat(request.contentType()).startsWith("application/json");
		assertThat(request.body().path("query").asString()).isEqualTo(QUERY);
		assertThat(request.texts(protocol)).isEqualTo(TEXTS);
		switch (protocol) {
			case COHERE -> assertThat(request.body().path("model").asString()).isEqualTo("rerank-v3.5");
			case JINA -> {
				assertThat(request.body().path("model").asString()).isEqualTo("jina-reranker-v2-base-multilingual");
				assertThat(request.body().path("return_documents").asBoolean()).isFalse();
			}
			case VOYAGE -> {
				assertThat(request.body().path("model").asString()).isEqualTo("rerank-2.5");
				assertThat(request.body().path("truncation").asBoolean()).isTrue();
			}
			case TEI -> {
				assertThat(request.body().path("raw_scores").asBoolean()).isFalse();
				assertThat(request.body().path("truncate").asBoolean()).isTrue();
			}
		}
		if (protocol.topNField() != null) {
			assertThat(request.body().has(protocol.topNField())).as("no top-n when every score is wanted").isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void postProcessorOrdersByRemoteScore(Protocol protocol) {
		RemoteRerankModel model = model(protocol);
		this.server.shuffle(true);

		List<Document> result = postProcessor(model, FailureMode.FAIL).process(new Query(QUERY), documents());

		assertThat(result).extracting(Document::getId).containsExactly("id-1", "id-3", "id-2");
		assertThat(result.get(0).getMetadata()).containsEntry(RerankDocumentMetadata.RERANK_SCORE, 1.0)
			.containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 2);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void topNRequestsAcceptPartialShuffledAnswers(Protocol protocol) {
		RemoteRerankModel model = model(protocol);
		this.server.shuffle(true);

		RerankResponse response = model.call(new RerankRequest(QUERY, TEXTS, RerankOptions.builder().topN(2).build()));

		assertThat(response.getResults()).extracting(RerankResult::index).containsExactly(1, 3);
		if (protocol.topNField() != null) {
			assertThat(this.server.requests().get(0).body().path(protocol.topNField()).asInt()).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void splitsRequestsAboveTheLimitAndMergesByIndex(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol).shuffle(true);
		RemoteRerankModel model = RemoteModels.create(this.server, KEY, RemoteModels.FAST, 2, null);

		List<Double> scores = model.score(QUERY, TEXTS);

		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.server.requests()).extracting(request -> request.texts(protocol))
			.containsExactlyInAnyOrder(TEXTS.subList(0, 2), TEXTS.subList(2, 4), TEXTS.subList(4, 5));
		for (int i = 0; i < TEXTS.size(); i++) {
			assertThat(scores.get(i)).isCloseTo(LoopbackRerankServer.score(QUERY, TEXTS.get(i)), within(1e-9));
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void batchesAreSentAtTheSameTime(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		RemoteRerankModel model = RemoteModels.create(this.server, KEY, RemoteModels.FAST, 2, null);
		this.server.faults(request -> Reply.slow(Duration.ofMillis(300)));

		assertThat(model.score(QUERY, TEXTS)).hasSize(5);
		assertThat(this.server.maxInFlight()).as("three batches in flight together").isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void oneFailedBatchFailsTheCall(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		RemoteRerankModel model = RemoteModels.create(this.server, KEY, RemoteModels.FAST, 2, null);
		this.server.faults(request -> request.texts(protocol).contains(TEXTS.get(4)) ? Reply.status(400)
				: Reply.slow(Duration.ofMillis(200)));

		assertThatThrownBy(() -> model.score(QUERY, TEXTS)).isInstanceOf(RemoteRerankException.class)
			.hasMessageContaining("HTTP 400");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void teiDefaultBatchOf32IsRespectedForAHundredCandidates(Protocol protocol) {
		RemoteRerankModel model = model(protocol);
		List<String> many = IntStream.range(0, 100).mapToObj(i -> "spring text " + i).toList();

		assertThat(model.score(QUERY, many)).hasSize(100);

		int expectedRequests = (protocol == Protocol.TEI) ? 4 : 1;
		assertThat(this.server.requests()).hasSize(expectedRequests);
		assertThat(this.server.requests()).allSatisfy(request -> assertThat(request.texts(protocol))
			.hasSizeLessThanOrEqualTo(model.getMaxDocumentsPerRequest()));
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void emptyInputSendsNothing(Protocol protocol) {
		RemoteRerankModel model = model(protocol);

		assertThat(model.call(new RerankRequest(QUERY, List.of())).getResults()).isEmpty();
		assertThat(this.server.requests()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void outOfRangeIndexIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.results(Result.of(0, 0.5), Result.of(1, 0.4), Result.of(2, 0.3),
				Result.of(3, 0.2), Result.of(5, 0.1)), "result index 5 is out of range for a request of 5 documents");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void negativeIndexIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.results(Result.of(-1, 0.5)), "result index -1 is out of range");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void duplicateIndexIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.results(Result.of(0, 0.5), Result.of(1, 0.4), Result.of(1, 0.3),
				Result.of(3, 0.2), Result.of(4, 0.1)), "result index 1 appears more than once");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void missingIndexIsAClearError(Protocol protocol) {
		assertMalformed(protocol,
				Reply.results(Result.of(0, 0.5), Result.of(1, 0.4), Result.of(3, 0.2), Result.of(4, 0.1)),
				"no result for index 2 (4 results for 5 documents)");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void nanScoreIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.results(Result.of(0, 0.5), Result.of(1, 0.4), new Result(2, "\"NaN\""),
				Result.of(3, 0.2), Result.of(4, 0.1)), "score NaN for index 2 is not a number in [0, 1]");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void scoreOutsideTheUnitIntervalIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.results(Result.of(0, 0.5), Result.of(1, 3.2), Result.of(2, 0.3),
				Result.of(3, 0.2), Result.of(4, 0.1)), "score 3.2 for index 1 is not a number in [0, 1]");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void missingScoreIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.results(new Result(0, "null")), "the result for index 0 has no score");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void truncatedJsonIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.truncated(), "malformed response from POST");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void htmlPageWithStatus200IsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.raw(200, "text/html", "<html><body>Welcome to nginx!</body></html>"),
				"malformed response from POST");
	}

	@ParameterizedTest
	@EnumSource(value = Protocol.class, names = { "COHERE", "JINA", "VOYAGE" })
	void missingResultsArrayIsAClearError(Protocol protocol) {
		assertMalformed(protocol, Reply.raw(200, "application/json", "{\"id\":\"x\"}"), "no '");
	}

	private void assertMalformed(Protocol protocol, Reply reply, String expectedMessage) {
		RemoteRerankModel model = model(protocol);
		this.server.enqueue(reply, reply);

		assertThatThrownBy(() -> model.score(QUERY, TEXTS)).isInstanceOf(RemoteRerankException.class)
			.hasMessageStartingWith("Reranking with provider '" + model.getProviderName() + "' failed: ")
			.hasMessageContaining(expectedMessage);
		assertThat(this.server.requests()).as("malformed answers are not retried").hasSize(1);

		List<Document> fallback = postProcessor(model, FailureMode.FALLBACK).process(new Query(QUERY), documents());
		assertFallback(fallback);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void clientErrorFailsOrFallsBackWithoutRetry(Protocol protocol) {
		RemoteRerankModel model = model(protocol);
		this.server.enqueue(Reply.status(400), Reply.status(401));

		assertFallback(postProcessor(model, FailureMode.FALLBACK).process(new Query(QUERY), documents()));
		assertThatThrownBy(() -> postProcessor(model, FailureMode.FAIL).process(new Query(QUERY), documents()))
			.isInstanceOf(RerankException.class)
			.hasMessageContaining("provider '" + protocol.name().toLowerCase() + "'")
			.hasMessageContaining("HTTP 401")
			.hasMessageContaining("check the API key");
		assertThat(this.server.requests()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void serverErrorFailsOrFallsBack(Protocol protocol) {
		RemoteRerankModel model = model(protocol);
		this.server.faults(request -> Reply.status(500));

		assertFallback(postProcessor(model, FailureMode.FALLBACK).process(new Query(QUERY), documents()));
		assertThatThrownBy(() -> postProcessor(model, FailureMode.FAIL).process(new Query(QUERY), documents()))
			.isInstanceOf(RerankException.class)
			.hasMessageContaining("HTTP 500")
			.hasMessageContaining("scripted error 500");
		assertThat(this.server.requests()).as("500 is not retried").hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void timeoutFailsOrFallsBackWithinTheDeadline(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		RemoteCallSettings settings = new RemoteCallSettings(Duration.ofMillis(500), 3, Duration.ofMillis(20),
				Duration.ofMillis(100));
		RemoteRerankModel model = RemoteModels.create(this.server, KEY, settings, 100, null);
		this.server.faults(request -> Reply.slow(Duration.ofSeconds(5)));

		long start = System.nanoTime();
		assertFallback(postProcessor(model, FailureMode.FALLBACK).process(new Query(QUERY), documents()));
		assertThatThrownBy(() -> postProcessor(model, FailureMode.FAIL).process(new Query(QUERY), documents()))
			.isInstanceOf(RerankException.class)
			.hasMessageContaining("within the deadline of 500 ms");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).as("two calls, each cut at its 500 ms deadline").isLessThan(Duration.ofMillis(2500));
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void unknownPathIsReportedWithTheBaseUrlAdvice(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		RemoteRerankModel model = switch (protocol) {
			case COHERE -> dev.reranker.cohere.CohereRerankModel.builder()
				.baseUrl(this.server.baseUrl() + "/wrong")
				.settings(RemoteModels.FAST)
				.build();
			case JINA -> dev.reranker.jina.JinaRerankModel.builder()
				.baseUrl(this.server.baseUrl() + "/wrong")
				.settings(RemoteModels.FAST)
				.build();
			case VOYAGE -> dev.reranker.voyage.VoyageRerankModel.builder()
				.baseUrl(this.server.baseUrl() + "/wrong")
				.settings(RemoteModels.FAST)
				.build();
			case TEI -> dev.reranker.tei.TeiRerankModel.builder()
				.baseUrl(this.server.baseUrl() + "/wrong")
				.settings(RemoteModels.FAST)
				.build();
		};

		assertThatThrownBy(() -> model.score(QUERY, TEXTS)).hasMessageContaining("HTTP 404")
			.hasMessageContaining("check the base URL")
			.hasMessageContaining(this.server.baseUrl() + "/wrong" + protocol.path());
		assertThat(this.server.requests().get(0).authorization()).as("no key configured, none sent").isNull();
	}

	private static void assertFallback(List<Document> result) {
		List<String> ids = new ArrayList<>();
		result.forEach(document -> ids.add(document.getId()));
		assertThat(ids).containsExactly("id-0", "id-1", "id-2");
		assertThat(result).allSatisfy(document -> assertThat(document.getMetadata())
			.containsEntry(RerankDocumentMetadata.RERANK_FALLBACK, true));
	}

}

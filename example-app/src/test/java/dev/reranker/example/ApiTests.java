package dev.reranker.example;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reranker.example.corpus.DemoCorpus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API on a real port, with the real embedding model and the offline reranker.
 */
@ExampleAppTest
class ApiTests {

	@LocalServerPort
	int port;

	@Autowired
	DemoCorpus corpus;

	ApiClient client;

	@BeforeEach
	void client() {
		this.client = new ApiClient(this.port);
	}

	@Test
	void searchReturnsFirstStageAndRerankedOrdersWithScoresAndTimings() {
		DemoCorpus.Example example = this.corpus.example("car-without-petrol");
		ApiClient.Response response = this.client.get("/api/search?q="
				+ URLEncoder.encode(example.query(), StandardCharsets.UTF_8) + "&candidates=10&topN=3");

		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.get("topN").asInt()).isEqualTo(3);
		assertThat(body.get("provider").asString()).isEqualTo("embedding");
		List<String> firstStage = ids(body.get("firstStageResults"));
		List<String> reranked = ids(body.get("reranked"));
		assertThat(firstStage).hasSize(10).doesNotHaveDuplicates();
		assertThat(reranked).containsExactlyInAnyOrderElementsOf(firstStage).isNotEqualTo(firstStage);
		assertThat(scores(body.get("firstStageResults"))).isSortedAccordingTo(Collections.reverseOrder());
		assertThat(scores(body.get("reranked"))).isSortedAccordingTo(Collections.reverseOrder());
		long kept = 0;
		for (JsonNode passage : body.get("reranked")) {
			assertThat(passage.get("movement").asInt())
				.isEqualTo(passage.get("firstStageRank").asInt() - passage.get("rank").asInt());
			kept += passage.get("kept").asBoolean() ? 1 : 0;
		}
		assertThat(kept).isBetween(0L, 3L);
		JsonNode timings = body.get("timings");
		assertThat(timings.get("firstStageMs").asDouble()).isPositive();
		assertThat(timings.get("rerankMs").asDouble()).isPositive();
		assertThat(timings.get("totalMs").asDouble()).isGreaterThanOrEqualTo(timings.get("rerankMs").asDouble());
	}

	@Test
	void rerankOfGivenPassagesMovesTheAnswerUp() {
		DemoCorpus.Example example = this.corpus.example("car-without-petrol");
		List<String> passages = example.passages().stream().map(DemoCorpus.Passage::text).toList();
		ApiClient.Response response = this.client.post("/api/rerank",
				Map.of("query", example.query(), "passages", passages));

		assertThat(response.status()).isEqualTo(200);
		String answerId = Integer.toString(passages.indexOf(example.answer().text()) + 1);
		assertThat(rankOf(response.body().get("reranked"), answerId))
			.isLessThan(rankOf(response.body().get("firstStageResults"), answerId));
	}

	@Test
	void searchWithoutQueryIsABadRequestNamingTheParameter() {
		assertBadRequest(this.client.get("/api/search"), "'q' is required");
		assertBadRequest(this.client.get("/api/search?q=%20%20"), "'q' is required");
	}

	@Test
	void searchWithBadNumbersIsABadRequest() {
		assertBadRequest(this.client.get("/api/search?q=rust&candidates=0"), "reranker.max-candidates");
		assertBadRequest(this.client.get("/api/search?q=rust&candidates=5000"), "between 1 and 100");
		assertBadRequest(this.client.get("/api/search?q=rust&topN=many"), "'topN' must be an integer");
		assertBadRequest(this.client.get("/api/search?q=rust&minScore=2"), "'minScore' must be between 0 and 1");
	}

	@Test
	void rerankWithoutQueryIsABadRequest() {
		assertBadRequest(this.client.post("/api/rerank", Map.of("passages", List.of("a passage"))),
				"'query' is required");
	}

	@Test
	void rerankWithTenThousandPassagesIsABadRequest() {
		List<String> passages = Collections.nCopies(10_000, "a short passage");
		assertBadRequest(this.client.post("/api/rerank", Map.of("query", "q", "passages", passages)),
				"'passages' has 10000 entries; at most 100 are allowed");
	}

	@Test
	void rerankWithAFiveMegabytePassageIsABadRequest() {
		String huge = "x".repeat(5 * 1024 * 1024);
		assertBadRequest(this.client.post("/api/rerank", Map.of("query", "q", "passages", List.of("ok", huge))),
				"'passages[1]' has 5242880 characters; at most 20000");
	}

	@Test
	void rerankWithBlankPassageOrMalformedJsonIsABadRequest() {
		assertBadRequest(this.client.post("/api/rerank", Map.of("query", "q", "passages", List.of("ok", " "))),
				"'passages[1]' is empty");
		assertBadRequest(this.client.postRaw("/api/rerank", "{\"query\": \"q\", \"passages\": "), "not valid JSON");
		assertBadRequest(this.client.postRaw("/api/rerank", "{\"query\": \"q\", \"passages\": \"one\"}"),
				"'passages' in the body of POST /api/rerank has the wrong type: it must be an array of strings");
	}

	@Test
	void askWithoutChatModelAnswers503WithHowToConfigureOneAndTheRerankedContext() {
		DemoCorpus.Example example = this.corpus.example("capital-australia");
		ApiClient.Response response = this.client.post("/api/ask", Map.of("question", example.query()));

		assertThat(response.status()).isEqualTo(503);
		JsonNode body = response.body();
		assertThat(body.get("detail").asString()).contains("needs a chat model");
		assertThat(body.get("howToConfigure").get("openaiCompatible").toString())
			.contains("spring.ai.model.chat=openai", "spring.ai.openai.api-key");
		assertThat(body.get("howToConfigure").get("ollama").toString()).contains("spring.ai.model.chat=ollama");
		JsonNode context = body.get("context");
		assertThat(context.size()).isBetween(1, 5);
		assertThat(scores(context)).isSortedAccordingTo(Collections.reverseOrder());
		assertThat(ids(context)).doesNotHaveDuplicates();
	}

	@Test
	void askWithoutQuestionIsABadRequest() {
		assertBadRequest(this.client.post("/api/ask", new HashMap<>()), "'question' is required");
	}

	@Test
	void infoDescribesTheSetupAndListsTheDemoExamples() {
		JsonNode info = this.client.get("/api/info").body();
		assertThat(info.get("provider").asString()).isEqualTo("embedding");
		assertThat(info.get("chatModel").asBoolean()).isFalse();
		assertThat(info.get("examples").size()).isEqualTo(this.corpus.examples().size());
	}

	@Test
	void pageIsServed() {
		assertThat(this.client.getText("/")).contains("id=\"passages\"", "app.js");
	}

	private static void assertBadRequest(ApiClient.Response response, String message) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("detail").asString()).contains(message);
	}

	private static List<String> ids(JsonNode passages) {
		List<String> ids = new ArrayList<>();
		passages.forEach(passage -> ids.add(passage.get("id").asString()));
		return ids;
	}

	private static List<Double> scores(JsonNode passages) {
		List<Double> scores = new ArrayList<>();
		passages.forEach(passage -> scores.add(passage.get("score").asDouble()));
		return scores;
	}

	private static int rankOf(JsonNode passages, String id) {
		for (JsonNode passage : passages) {
			if (passage.get("id").asString().equals(id)) {
				return passage.get("rank").asInt();
			}
		}
		throw new AssertionError("No passage " + id + " in " + passages);
	}

}

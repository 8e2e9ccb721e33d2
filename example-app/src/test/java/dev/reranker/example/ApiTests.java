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
	void lostInTheMiddleOrderingPutsTheBestPassagesAtBothEndsOfTheContext() {
		DemoCorpus.Example example = this.corpus.example("car-without-petrol");
		List<String> passages = example.passages().stream().map(DemoCorpus.Passage::text).toList();
		Map<String, Object> body = new HashMap<>(Map.of("query", example.query(), "passages", passages, "topN", 5));

		JsonNode byScore = this.client.post("/api/rerank", body).body().get("context");
		body.put("ordering", "lost-in-the-middle");
		JsonNode lostInTheMiddle = this.client.post("/api/rerank", body).body().get("context");

		assertThat(byScore.get("ordering").asString()).isEqualTo("score");
		assertThat(contextRanks(byScore)).containsExactly(1, 2, 3, 4, 5);
		assertThat(lostInTheMiddle.get("ordering").asString()).isEqualTo("lost-in-the-middle");
		assertThat(contextRanks(lostInTheMiddle)).containsExactly(1, 3, 5, 4, 2);
	}

	@Test
	void tokenBudgetKeepsTheBestPassagesThatFitAndSkipsTheOnesThatDoNot() {
		DemoCorpus.Example example = this.corpus.example("car-without-petrol");
		List<String> passages = example.passages().stream().map(DemoCorpus.Passage::text).toList();
		Map<String, Object> body = new HashMap<>(Map.of("query", example.query(), "passages", passages, "topN", 5));
		JsonNode unbudgeted = this.client.post("/api/rerank", body).body().get("context");
		int budget = unbudgeted.get("tokens").asInt() / 2;

		body.put("tokenBudget", budget);
		JsonNode context = this.client.post("/api/rerank", body).body().get("context");

		assertThat(context.get("tokenBudget").asInt()).isEqualTo(budget);
		assertThat(context.get("tokens").asInt()).isLessThanOrEqualTo(budget).isPositive();
		List<Integer> kept = contextRanks(context);
		assertThat(kept).isSorted().hasSizeLessThan(5);
		// Greedy in rank order: every skipped passage did not fit what was left.
		int left = budget;
		for (JsonNode passage : unbudgeted.get("passages")) {
			int tokens = passage.get("tokens").asInt();
			boolean fits = tokens <= left;
			assertThat(kept.contains(passage.get("rank").asInt())).as("rank %s", passage.get("rank")).isEqualTo(fits);
			left -= fits ? tokens : 0;
		}
	}

	@Test
	void maxPassageScoresALongPassageByItsAnswerWindowWhereTruncationMissesIt() {
		// The answer past the 512 tokens the offline model reads, in windows of 32
		// tokens.
		DemoCorpus.Example example = this.corpus.example("python-not-snake");
		String answer = example.answer().text();
		String filler = "The museum's winter exhibition shows Dutch paintings of the seventeenth century. ";
		String longPassage = filler.repeat(40) + answer;
		List<String> passages = new ArrayList<>(example.passages().stream().map(DemoCorpus.Passage::text).toList());
		passages.set(passages.indexOf(answer), longPassage);
		String id = Integer.toString(passages.indexOf(longPassage) + 1);
		Map<String, Object> body = new HashMap<>(Map.of("query", example.query(), "passages", passages));

		JsonNode truncated = passage(this.client.post("/api/rerank", body).body().get("reranked"), id);
		body.put("longDocuments", "max-passage");
		body.put("window", 32);
		ApiClient.Response response = this.client.post("/api/rerank", body);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("context").get("longDocuments").asString()).isEqualTo("max-passage");
		JsonNode windowed = passage(response.body().get("reranked"), id);
		assertThat(windowed.get("text").asString()).isEqualTo(longPassage);
		assertThat(windowed.get("score").asDouble()).isGreaterThan(truncated.get("score").asDouble());
		assertThat(windowed.get("rank").asInt()).isLessThan(truncated.get("rank").asInt());
		JsonNode metadata = windowed.get("metadata");
		assertThat(metadata.get("rerank_windows").asInt()).isGreaterThan(1);
		assertThat(longPassage.substring(metadata.get("rerank_best_window_start").asInt(),
				metadata.get("rerank_best_window_end").asInt()))
			.contains(answer.substring(0, answer.length() / 2));
		assertThat(truncated.get("metadata").has("rerank_windows")).isFalse();
	}

	@Test
	void badContextChoicesAreBadRequestsNamingTheField() {
		assertBadRequest(
				this.client.post("/api/rerank", Map.of("query", "q", "passages", List.of("a"), "ordering", "random")),
				"'ordering' must be 'score' or 'lost-in-the-middle' but was 'random'");
		assertBadRequest(
				this.client.post("/api/rerank", Map.of("query", "q", "passages", List.of("a"), "tokenBudget", 0)),
				"'tokenBudget' must be at least 1 token");
		assertBadRequest(this.client.get("/api/search?q=rust&longDocuments=chunk"),
				"'longDocuments' must be 'truncate' or 'max-passage' but was 'chunk'");
		assertBadRequest(this.client.get("/api/search?q=rust&window=64"),
				"'window' applies only with 'longDocuments': 'max-passage'");
		assertBadRequest(this.client.get("/api/search?q=rust&longDocuments=max-passage&window=100000"),
				"'window' (100000) must not exceed the model's room for a document, 512");
	}

	@Test
	void searchTakesTheContextChoicesToo() {
		JsonNode body = this.client
			.get("/api/search?q=" + URLEncoder.encode("electric cars", StandardCharsets.UTF_8)
					+ "&candidates=8&topN=4&ordering=lost-in-the-middle&tokenBudget=100000&longDocuments=max-passage")
			.body();

		JsonNode context = body.get("context");
		assertThat(context.get("ordering").asString()).isEqualTo("lost-in-the-middle");
		assertThat(context.get("tokenBudget").asInt()).isEqualTo(100000);
		assertThat(context.get("longDocuments").asString()).isEqualTo("max-passage");
		assertThat(contextRanks(context)).containsExactly(1, 3, 4, 2);
		body.get("reranked").forEach(passage -> assertThat(passage.get("metadata").has("rerank_windows")).isTrue());
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
		assertThat(info.get("context").get("ordering").asString()).isEqualTo("score");
		assertThat(info.get("context").get("longDocuments").asString()).isEqualTo("truncate");
		assertThat(info.get("context").get("tokenBudget").isNull()).isTrue();
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

	private static List<Integer> contextRanks(JsonNode context) {
		List<Integer> ranks = new ArrayList<>();
		context.get("passages").forEach(passage -> ranks.add(passage.get("rank").asInt()));
		return ranks;
	}

	private static JsonNode passage(JsonNode passages, String id) {
		for (JsonNode passage : passages) {
			if (passage.get("id").asString().equals(id)) {
				return passage;
			}
		}
		throw new AssertionError("No passage " + id + " in " + passages);
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

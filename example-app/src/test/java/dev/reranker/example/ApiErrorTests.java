package dev.reranker.example;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error of the HTTP API, on a real port: RFC 9457 problem details as JSON that name
 * the field and the limit, never the app's internals (class names, method signatures,
 * parser messages), and no stack trace in the log for a client's mistake.
 */
@ExampleAppTest
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorTests {

	private static final List<String> INTERNALS = List.of("Exception", "REDACTED", "StreamReadFeature", "ApiController",
			"dev.reranker", "tools.jackson", "java.lang", "org.springframework", "<html");

	private static final String RERANK_BODY = "{\"query\": \"...\", \"passages\": [\"...\", \"...\"]";

	private static final String ASK_BODY = "{\"question\": \"...\"}";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void malformedJsonOnRerankNamesRerankBody(CapturedOutput output) throws Exception {
		JsonNode problem = problem(post("/api/rerank", "{\"query\": \"q\", \"passages\": "), 400);
		assertThat(problem.path("detail").asString()).contains("POST /api/rerank", RERANK_BODY)
			.doesNotContain("question");
		assertNoStackTrace(output);
	}

	@Test
	void malformedJsonOnAskNamesAskBody(CapturedOutput output) throws Exception {
		JsonNode problem = problem(post("/api/ask", "{\"question\": "), 400);
		assertThat(problem.path("detail").asString()).contains("POST /api/ask", ASK_BODY).doesNotContain("passages");
		assertNoStackTrace(output);
	}

	@Test
	void missingBodyNamesTheEndpointsBody() throws Exception {
		assertThat(problem(post("/api/rerank", ""), 400).path("detail").asString()).contains("POST /api/rerank",
				"no body", RERANK_BODY);
		assertThat(problem(post("/api/ask", ""), 400).path("detail").asString()).contains("POST /api/ask", "no body",
				ASK_BODY);
	}

	@Test
	void wrongTypeNamesTheField() throws Exception {
		JsonNode problem = problem(post("/api/rerank", "{\"query\": \"q\", \"passages\": \"one\"}"), 400);
		assertThat(problem.path("detail").asString()).contains("'passages'", "array of strings");
		JsonNode topN = problem(post("/api/rerank", "{\"query\": \"q\", \"passages\": [\"a\"], \"topN\": \"x\"}"), 400);
		assertThat(topN.path("detail").asString()).contains("'topN'", "integer");
	}

	@Test
	void hundredKilobyteQueryIsAProblemNamingTheLimit(CapturedOutput output) throws Exception {
		String q = "word ".repeat(20 * 1024);
		JsonNode problem = problem(get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)), 400);
		assertThat(problem.path("detail").asString()).contains("'q' has 102400 characters",
				"at most 2000 are allowed (app.limits.max-query-length)");
		assertNoStackTrace(output);
	}

	@Test
	void requestLineBeyondWhatTheServerReadsIsAProblemToo(CapturedOutput output) throws Exception {
		String q = "x".repeat(2 * 1024 * 1024);
		HttpResponse<String> response = get("/api/search?q=" + q);
		assertThat(response.statusCode()).isBetween(400, 431);
		JsonNode problem = problem(response, response.statusCode());
		assertThat(problem.path("detail").asString()).contains("too large", "app.limits.max-query-length");
		assertNoStackTrace(output);
	}

	@Test
	void topNBeyondTheCandidatesIsAProblemNamingTheLimit() throws Exception {
		assertThat(problem(get("/api/search?q=rust&topN=100000"), 400).path("detail").asString())
			.contains("'topN' must be between 1 and 100 (reranker.max-candidates) but was 100000");
		String body = json.writeValueAsString(Map.of("query", "q", "passages", List.of("a", "b"), "topN", 100000));
		assertThat(problem(post("/api/rerank", body), 400).path("detail").asString())
			.contains("'topN' must be between 1 and 100");
	}

	@Test
	void controlCharactersAreAProblemNamingTheField() throws Exception {
		assertThat(problem(get("/api/search?q=rust%00belt"), 400).path("detail").asString())
			.contains("'q' contains a control character (U+0000) at position 5");
		String rerank = json.writeValueAsString(Map.of("query", "q", "passages", List.of("fine", "bad\u0007bell")));
		assertThat(problem(post("/api/rerank", rerank), 400).path("detail").asString())
			.contains("'passages[1]' contains a control character (U+0007)");
		String ask = json.writeValueAsString(Map.of("question", "why\u0000"));
		assertThat(problem(post("/api/ask", ask), 400).path("detail").asString()).contains("'question'", "U+0000");
	}

	@Test
	void tabsAndNewlinesAreText() throws Exception {
		String body = json.writeValueAsString(Map.of("query", "electric\tcar", "passages", List.of("line\none")));
		assertThat(post("/api/rerank", body).statusCode()).isEqualTo(200);
	}

	@Test
	void unknownPathAndWrongMethodAreProblems() throws Exception {
		problem(get("/api/nothing-here"), 404);
		problem(get("/api/rerank"), 405);
	}

	@Test
	void healthIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/env").statusCode()).as("only health is exposed").isEqualTo(404);
	}

	private JsonNode problem(HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain(INTERNALS);
		return problem;
	}

	private static void assertNoStackTrace(CapturedOutput output) {
		assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ", " WARN ", " ERROR ");
	}

	private HttpResponse<String> get(String pathAndQuery) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery)).GET());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.header("Accept", "application/json, application/problem+json")
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

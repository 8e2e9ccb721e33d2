package dev.reranker.example;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.example.corpus.DemoCorpus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/ask} with a chat model configured by standard Spring AI properties
 * ({@code spring.ai.model.chat=ollama}), talking to a loopback HTTP server that speaks
 * Ollama's chat protocol and records the prompt it receives.
 */
@ExampleAppTest
@TestPropertySource(properties = { "spring.ai.model.chat=ollama", "spring.ai.ollama.chat.options.model=test-model" })
class AskWithChatModelTests {

	private static final String ANSWER = "Canberra is the capital of Australia.";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private static final HttpServer ollama = startOllama();

	@LocalServerPort
	int port;

	@Autowired
	DemoCorpus corpus;

	@DynamicPropertySource
	static void ollamaUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.ollama.base-url", () -> "http://127.0.0.1:" + ollama.getAddress().getPort());
	}

	@AfterAll
	static void stopOllama() {
		ollama.stop(0);
	}

	@Test
	void askSendsTheQuestionWithTheRerankedContextAndReturnsTheAnswer() {
		DemoCorpus.Example example = this.corpus.example("capital-australia");
		ApiClient.Response response = new ApiClient(this.port).post("/api/ask", Map.of("question", example.query()));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("answer").asString()).isEqualTo(ANSWER);
		JsonNode context = response.body().get("context");
		assertThat(context.size()).isBetween(1, 3);

		assertThat(requests).hasSize(1);
		JsonNode request = requests.get(0);
		assertThat(request.get("model").asString()).isEqualTo("test-model");
		String prompt = request.get("messages").get(request.get("messages").size() - 1).get("content").asString();
		assertThat(prompt).contains(example.query());
		int previous = -1;
		double previousScore = Double.POSITIVE_INFINITY;
		for (JsonNode passage : context) {
			assertThat(passage.get("score").asDouble()).as("context in rerank order")
				.isLessThanOrEqualTo(previousScore);
			previousScore = passage.get("score").asDouble();
			int position = prompt.indexOf(passage.get("text").asString());
			assertThat(position).as("context passage in the prompt, in rerank order").isGreaterThan(previous);
			previous = position;
		}
	}

	private static HttpServer startOllama() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/api/chat", exchange -> {
				try (InputStream in = exchange.getRequestBody()) {
					requests.add(json.readTree(in.readAllBytes()));
				}
				byte[] body = json.writeValueAsBytes(Map.of("model", "test-model", "created_at", "2026-01-01T00:00:00Z",
						"message", Map.of("role", "assistant", "content", ANSWER), "done", true, "done_reason", "stop",
						"prompt_eval_count", 100, "eval_count", 8));
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

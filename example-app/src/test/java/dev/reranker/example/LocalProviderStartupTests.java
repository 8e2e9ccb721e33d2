package dev.reranker.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reranker.testfixtures.TinyCrossEncoder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's own configuration (the default local provider, no test profile) started the
 * way a user without hub access starts it: reranker.local.model pointing at a model
 * directory. The directory holds the local provider's tiny test cross-encoder (it scores
 * query/passage word-piece overlap), so this proves the wiring (DJL's ONNX Runtime engine
 * next to the all-MiniLM first stage, the page's API on top), not ms-marco's quality.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalProviderStartupTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void localModelDirectory(DynamicPropertyRegistry registry) {
		try {
			Path directory = TinyCrossEncoder.write(Files.createTempDirectory("example-app-model").resolve("tiny"));
			registry.add("reranker.local.model", () -> "file:" + directory);
			registry.add("reranker.local.offline", () -> "true");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void startsWithAModelDirectoryAndReranksWithTheLocalProvider() {
		ApiClient client = new ApiClient(this.port);
		assertThat(client.get("/api/info").body().get("provider").asString()).isEqualTo("local");

		List<String> passages = List.of("Penguins live in the southern hemisphere.",
				"Solar panels on the roof turn sunlight into electricity.", "The museum opens at nine.");
		ApiClient.Response response = client.post("/api/rerank",
				Map.of("query", "solar panels on the roof", "passages", passages));

		assertThat(response.status()).isEqualTo(200);
		JsonNode best = response.body().get("reranked").get(0);
		assertThat(best.get("text").asString()).isEqualTo(passages.get(1));
		assertThat(best.get("score").asDouble()).isBetween(0.0, 1.0);
		assertThat(response.body().get("fallback").asBoolean()).isFalse();
	}

}

package dev.reranker.autoconfigure.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.llm.LlmPrompts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs read for {@code reranker.llm.*}: every key described,
 * the defaults shown, the modes and the ChatModel bean reference hinted.
 */
class LlmRerankMetadataTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	@Test
	void everyLlmPropertyIsDescribed() throws Exception {
		List<JsonNode> properties = StreamSupport.stream(metadata().path("properties").spliterator(), false)
			.filter(property -> property.path("name").asString().startsWith("reranker.llm."))
			.toList();

		assertThat(properties).extracting(property -> property.path("name").asString())
			.contains("reranker.llm.chat-model", "reranker.llm.mode", "reranker.llm.window-size", "reranker.llm.step",
					"reranker.llm.max-concurrency", "reranker.llm.max-passage-length", "reranker.llm.model",
					"reranker.llm.temperature", "reranker.llm.listwise-system-prompt",
					"reranker.llm.listwise-user-prompt", "reranker.llm.pointwise-system-prompt",
					"reranker.llm.pointwise-user-prompt");
		assertThat(properties).allSatisfy(
				property -> assertThat(property.path("description").asString()).as(property.path("name").asString())
					.isNotBlank());
		assertThat(property("reranker.llm.window-size").path("defaultValue").asInt()).isEqualTo(20);
		assertThat(property("reranker.llm.step").path("defaultValue").asInt()).isEqualTo(10);
		assertThat(property("reranker.llm.listwise-user-prompt").path("description").asString()).contains("{passages}");
	}

	@Test
	void theDefaultPromptsShownToIdesAreTheOnesSent() throws Exception {
		assertThat(property("reranker.llm.listwise-system-prompt").path("defaultValue").asString())
			.isEqualTo(LlmPrompts.DEFAULT_LISTWISE_SYSTEM);
		assertThat(property("reranker.llm.listwise-user-prompt").path("defaultValue").asString())
			.isEqualTo(LlmPrompts.DEFAULT_LISTWISE_USER);
		assertThat(property("reranker.llm.pointwise-system-prompt").path("defaultValue").asString())
			.isEqualTo(LlmPrompts.DEFAULT_POINTWISE_SYSTEM);
		assertThat(property("reranker.llm.pointwise-user-prompt").path("defaultValue").asString())
			.isEqualTo(LlmPrompts.DEFAULT_POINTWISE_USER);
	}

	@Test
	void modesProviderAndChatModelAreHinted() throws Exception {
		assertThat(hint("reranker.llm.mode").path("values").findValuesAsString("value")).containsExactly("listwise",
				"pointwise");
		assertThat(hint("reranker.provider").path("values").findValuesAsString("value")).contains("llm");
		assertThat(hint("reranker.llm.chat-model").path("providers").get(0).path("name").asString())
			.isEqualTo("spring-bean-reference");
	}

	private static JsonNode metadata() throws Exception {
		return JsonMapper.builder().build().readTree(Files.readString(METADATA));
	}

	private static JsonNode property(String name) throws Exception {
		return find(metadata().path("properties"), name);
	}

	private static JsonNode hint(String name) throws Exception {
		return find(metadata().path("hints"), name);
	}

	private static JsonNode find(JsonNode entries, String name) {
		return StreamSupport.stream(entries.spliterator(), false)
			.filter(entry -> name.equals(entry.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no metadata for " + name));
	}

}

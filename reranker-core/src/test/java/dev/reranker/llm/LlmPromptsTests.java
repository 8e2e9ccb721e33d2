package dev.reranker.llm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LlmPrompts}: the default prompts, placeholders filled in one pass, and templates
 * that would lose the query or the passages rejected.
 */
class LlmPromptsTests {

	@Test
	void listwiseLabelsThePassagesFromOne() {
		List<Message> messages = LlmPrompts.DEFAULTS.listwise("q", List.of("alpha", "beta"));

		assertThat(messages).extracting(Message::getMessageType).containsExactly(MessageType.SYSTEM, MessageType.USER);
		assertThat(messages.get(1).getText()).contains("Search query: q")
			.contains("[1] alpha\n[2] beta")
			.contains("Order the 2 passages");
	}

	@Test
	void pointwiseAsksForAGrade() {
		List<Message> messages = LlmPrompts.DEFAULTS.pointwise("q", "alpha");

		assertThat(messages.get(1).getText()).contains("Search query: q")
			.contains("Passage: alpha")
			.contains("0 (unrelated) to 10");
	}

	@Test
	void placeholdersInsideValuesAreNotReplaced() {
		assertThat(LlmPrompts.render("{query} / {passage}", Map.of("query", "{passage}", "passage", "$1 \\ {query}")))
			.isEqualTo("{passage} / $1 \\ {query}");
	}

	@Test
	void aTemplateWithoutThePassagesIsRejectedNamingTheBuilderMethod() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LlmPrompts.builder().listwiseUser("Rank for {query}").build())
			.withMessageContaining("must contain {passages}")
			.withMessageContaining("LlmPrompts.Builder#listwiseUser");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LlmPrompts.builder().pointwiseUser("Grade {passage}").build())
			.withMessageContaining("must contain {query}");
	}

}

package dev.reranker.eval.answers;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AnswerPromptsTests {

	@Test
	void theAnswerPromptNumbersThePassagesBestFirstBeforeTheQuestion() {
		String prompt = AnswerPrompts.defaults().answer("what buckles?", List.of("Shells buckle. ", "Plates bend."));
		assertThat(prompt).contains("Passages:\n[1] Shells buckle.\n\n[2] Plates bend.\n\nQuestion: what buckles?\n")
			.endsWith("Answer:");
	}

	@Test
	void placeholdersInsideAPassageOrAnAnswerAreLeftAsTheyAre() {
		AnswerPrompts prompts = new AnswerPrompts("C: {context} Q: {question}",
				"Q: {question} R: {reference} A: {answer}");
		assertThat(prompts.answer("why?", List.of("a {question} in text")))
			.isEqualTo("C: [1] a {question} in text Q: why?");
		assertThat(prompts.judge("why?", List.of("one", "two"), "my {reference}"))
			.isEqualTo("Q: why? R: one | two A: my {reference}");
	}

	@Test
	void templatesWithoutTheirPlaceholdersAreRejectedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AnswerPrompts("Q: {question}", "{question}"))
			.withMessageContaining("eval.answer.prompt must contain {context} and {question}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AnswerPrompts(AnswerPrompts.DEFAULT_ANSWER_TEMPLATE, "{question} {answer}"))
			.withMessageContaining("eval.answer.judge-prompt must contain {question}, {reference} and {answer}");
	}

	@Test
	void theGradeIsTheReplysFirstIntegerFromZeroToTen() {
		assertThat(AnswerPrompts.grade("7")).hasValue(7);
		assertThat(AnswerPrompts.grade("Grade: 10/10")).hasValue(10);
		assertThat(AnswerPrompts.grade(" 0 ")).hasValue(0);
		assertThat(AnswerPrompts.grade("11")).isEmpty();
		assertThat(AnswerPrompts.grade("100")).isEmpty();
		assertThat(AnswerPrompts.grade("excellent")).isEmpty();
	}

}

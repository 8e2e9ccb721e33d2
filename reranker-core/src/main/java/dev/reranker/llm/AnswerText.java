package dev.reranker.llm;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The part of a chat answer worth parsing: reasoning models (Qwen3, DeepSeek-R1 and their
 * kind) put their deliberation inside {@code <think>…</think>} before the answer, and it
 * may mention labels or numbers that are not the answer.
 */
final class AnswerText {

	private static final Pattern REASONING = Pattern.compile("<think>.*?(</think>|$)",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private AnswerText() {
	}

	/**
	 * The answer without reasoning blocks; an unclosed block runs to the end.
	 * @param answer the chat model's text, or {@code null} when it sent none
	 * @return the text to parse, never {@code null}
	 */
	static String withoutReasoning(@Nullable String answer) {
		if (answer == null) {
			return "";
		}
		return REASONING.matcher(answer).replaceAll(" ").strip();
	}

	/**
	 * The start of an answer, for log messages.
	 * @param answer the answer
	 * @return at most 80 characters of it, on one line
	 */
	static String excerpt(@Nullable String answer) {
		if (answer == null) {
			return "(no text)";
		}
		String line = answer.replaceAll("\\s+", " ").strip();
		return (line.length() <= 80) ? line : line.substring(0, 80) + "…";
	}

}

package dev.reranker.llm;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A pointwise answer read as a relevance grade from 0 to 10.
 * <p>
 * The grade is the numerator of {@code N/10} or {@code N out of 10} when the answer has
 * one; otherwise the one number from 0 to 10 the answer holds (integers, or decimals such
 * as {@code 7.5}). An answer with no such number, or with several different ones
 * ({@code "on a scale of 0 to 10, 7"}), is unparseable rather than guessed.
 *
 * @param value the grade in {@code [0, 10]}, or {@code null} when unparseable
 */
record Grade(@Nullable Double value) {

	/** The highest grade. */
	static final double MAX = 10.0;

	private static final Pattern FRACTION = Pattern
		.compile("(?<![\\d.])(\\d{1,2}(?:\\.\\d+)?)\\s*(?:/|out of)\\s*10(?!\\d|\\.\\d)", Pattern.CASE_INSENSITIVE);

	private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])\\d{1,9}(?:\\.\\d+)?(?!\\d|\\.\\d)");

	/**
	 * Reads an answer.
	 * @param answer the chat model's text
	 * @return the grade
	 */
	static Grade parse(String answer) {
		String text = AnswerText.withoutReasoning(answer);
		Matcher fraction = FRACTION.matcher(text);
		if (fraction.find()) {
			return inRange(Double.parseDouble(fraction.group(1)));
		}
		Set<Double> candidates = new LinkedHashSet<>();
		Matcher number = NUMBER.matcher(text);
		while (number.find()) {
			double value = Double.parseDouble(number.group());
			if (value <= MAX) {
				candidates.add(value);
			}
		}
		return (candidates.size() == 1) ? new Grade(candidates.iterator().next()) : new Grade(null);
	}

	private static Grade inRange(double value) {
		return (value <= MAX) ? new Grade(value) : new Grade(null);
	}

	/**
	 * The outcome for observations.
	 * @return complete or unparseable
	 */
	LlmAnswerOutcome outcome() {
		return (this.value != null) ? LlmAnswerOutcome.COMPLETE : LlmAnswerOutcome.UNPARSEABLE;
	}

	/**
	 * The rerank score: the grade divided by 10, or 0 when unparseable.
	 * @return the score in {@code [0, 1]}
	 */
	double score() {
		return (this.value != null) ? this.value / MAX : 0.0;
	}

}

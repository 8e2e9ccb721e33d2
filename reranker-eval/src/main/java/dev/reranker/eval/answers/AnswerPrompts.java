package dev.reranker.eval.answers;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The two prompts of the answers mode: the question with a configuration's top documents
 * as numbered passages, and the optional judge's grading request. Templates are plain
 * text with placeholders replaced literally (document texts may hold braces):
 * {@value #CONTEXT} and {@value #QUESTION} in the answer prompt; {@value #QUESTION},
 * {@value #REFERENCE} and {@value #ANSWER} in the judge prompt.
 *
 * @param answerTemplate the answer prompt
 * @param judgeTemplate the judge prompt
 */
public record AnswerPrompts(String answerTemplate, String judgeTemplate) {

	/** Placeholder of the numbered passages. */
	public static final String CONTEXT = "{context}";

	/** Placeholder of the query's text. */
	public static final String QUESTION = "{question}";

	/** Placeholder of the reference answer (several are joined with " | "). */
	public static final String REFERENCE = "{reference}";

	/** Placeholder of the answer being graded. */
	public static final String ANSWER = "{answer}";

	/** The default answer prompt. */
	public static final String DEFAULT_ANSWER_TEMPLATE = """
			Answer the question using only the numbered passages below. Reply with the answer alone, in one \
			sentence, in the passages' own words where you can. If the passages do not answer the question, \
			reply: no answer.

			Passages:
			{context}

			Question: {question}
			Answer:""";

	/** The default judge prompt. */
	public static final String DEFAULT_JUDGE_TEMPLATE = """
			You grade an answer to a question against a reference answer. Reply with one integer from 0 to 10 \
			and nothing else: 0 when the answer is wrong, unrelated or missing, 10 when it says what the reference \
			says without contradicting it, partial credit in between. Judge the content, not the wording.

			Question: {question}
			Reference answer: {reference}
			Answer to grade: {answer}
			Grade:""";

	private static final Pattern GRADE = Pattern.compile("\\d+");

	public AnswerPrompts {
		Assert.isTrue(answerTemplate.contains(CONTEXT) && answerTemplate.contains(QUESTION),
				() -> "eval.answer.prompt must contain " + CONTEXT + " and " + QUESTION + " but was: "
						+ answerTemplate);
		Assert.isTrue(
				judgeTemplate.contains(QUESTION) && judgeTemplate.contains(REFERENCE) && judgeTemplate.contains(ANSWER),
				() -> "eval.answer.judge-prompt must contain " + QUESTION + ", " + REFERENCE + " and " + ANSWER
						+ " but was: " + judgeTemplate);
	}

	/**
	 * @return the default prompts
	 */
	public static AnswerPrompts defaults() {
		return new AnswerPrompts(DEFAULT_ANSWER_TEMPLATE, DEFAULT_JUDGE_TEMPLATE);
	}

	/**
	 * @param question the query's text
	 * @param passages the documents' texts, best first
	 * @return the answer prompt, passages numbered {@code [1]}, {@code [2]}, … one per
	 * paragraph
	 */
	public String answer(String question, List<String> passages) {
		StringBuilder context = new StringBuilder();
		for (int i = 0; i < passages.size(); i++) {
			if (i > 0) {
				context.append("\n\n");
			}
			context.append('[').append(i + 1).append("] ").append(passages.get(i).strip());
		}
		return fill(this.answerTemplate, Map.of(CONTEXT, context.toString(), QUESTION, question));
	}

	/**
	 * @param question the query's text
	 * @param references the reference answers
	 * @param answer the answer to grade
	 * @return the judge prompt
	 */
	public String judge(String question, List<String> references, String answer) {
		return fill(this.judgeTemplate,
				Map.of(QUESTION, question, REFERENCE, String.join(" | ", references), ANSWER, answer));
	}

	/**
	 * Replaces placeholders in one pass over the template, so that a value holding a
	 * placeholder's spelling (a passage, an answer) is never replaced in turn.
	 */
	private static String fill(String template, Map<String, String> values) {
		StringBuilder out = new StringBuilder(template.length());
		int i = 0;
		outer: while (i < template.length()) {
			for (Map.Entry<String, String> value : values.entrySet()) {
				if (template.startsWith(value.getKey(), i)) {
					out.append(value.getValue());
					i += value.getKey().length();
					continue outer;
				}
			}
			out.append(template.charAt(i++));
		}
		return out.toString();
	}

	/**
	 * Reads the judge's grade: the first integer in its reply, when it is from 0 to 10.
	 * @param reply the judge's reply
	 * @return the grade, or empty when the reply holds none
	 */
	public static OptionalInt grade(String reply) {
		Matcher matcher = GRADE.matcher(reply);
		if (!matcher.find() || matcher.group().length() > 2) {
			return OptionalInt.empty();
		}
		int grade = Integer.parseInt(matcher.group());
		return (grade <= 10) ? OptionalInt.of(grade) : OptionalInt.empty();
	}

}

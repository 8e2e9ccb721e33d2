package dev.reranker.eval;

import dev.reranker.eval.answers.AnswerPrompts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How the answers mode ({@code eval.answers=<reference answers>}) makes and scores
 * answers, under {@code eval.answer.*}. The chat model itself is configured with Spring
 * AI's own properties ({@code spring.ai.model.chat}, {@code spring.ai.openai.*}).
 */
@ConfigurationProperties(prefix = AnswerProperties.PREFIX)
public class AnswerProperties implements Validator {

	public static final String PREFIX = "eval.answer";

	/**
	 * Documents of each configuration's ranking, best first, given to the chat model as
	 * numbered passages.
	 */
	private int topK = 5;

	/**
	 * Answer prompt; {context} is replaced by the numbered passages and {question} by the
	 * query's text.
	 */
	private String prompt = AnswerPrompts.DEFAULT_ANSWER_TEMPLATE;

	/**
	 * Whether the chat model also grades every answer against its reference (LLM as a
	 * judge, a grade from 0 to 10 reported as grade / 10).
	 */
	private boolean judge;

	/**
	 * Judge prompt; {question}, {reference} and {answer} are replaced, and the reply's
	 * first integer from 0 to 10 is the grade.
	 */
	private String judgePrompt = AnswerPrompts.DEFAULT_JUDGE_TEMPLATE;

	public int getTopK() {
		return this.topK;
	}

	public void setTopK(int topK) {
		this.topK = topK;
	}

	public String getPrompt() {
		return this.prompt;
	}

	public void setPrompt(String prompt) {
		this.prompt = prompt;
	}

	public boolean isJudge() {
		return this.judge;
	}

	public void setJudge(boolean judge) {
		this.judge = judge;
	}

	public String getJudgePrompt() {
		return this.judgePrompt;
	}

	public void setJudgePrompt(String judgePrompt) {
		this.judgePrompt = judgePrompt;
	}

	/**
	 * @return the prompts, checked for their placeholders
	 */
	public AnswerPrompts prompts() {
		return new AnswerPrompts(this.prompt, this.judgePrompt);
	}

	@Override
	public boolean supports(Class<?> type) {
		return AnswerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		AnswerProperties properties = (AnswerProperties) target;
		if (properties.getTopK() < 1) {
			errors.rejectValue("topK", "range", "eval.answer.top-k must be at least 1");
		}
		if (!properties.getPrompt().contains(AnswerPrompts.CONTEXT)
				|| !properties.getPrompt().contains(AnswerPrompts.QUESTION)) {
			errors.rejectValue("prompt", "placeholder",
					"eval.answer.prompt must contain " + AnswerPrompts.CONTEXT + " and " + AnswerPrompts.QUESTION);
		}
		String judge = properties.getJudgePrompt();
		if (!judge.contains(AnswerPrompts.QUESTION) || !judge.contains(AnswerPrompts.REFERENCE)
				|| !judge.contains(AnswerPrompts.ANSWER)) {
			errors.rejectValue("judgePrompt", "placeholder", "eval.answer.judge-prompt must contain "
					+ AnswerPrompts.QUESTION + ", " + AnswerPrompts.REFERENCE + " and " + AnswerPrompts.ANSWER);
		}
	}

}

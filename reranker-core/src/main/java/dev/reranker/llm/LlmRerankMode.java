package dev.reranker.llm;

import java.util.Locale;

/**
 * How {@link LlmRerankModel} asks the chat model.
 */
public enum LlmRerankMode {

	/**
	 * RankGPT's convention: passages labelled {@code [1]} … {@code [n]} in one prompt,
	 * the answer a permutation such as {@code [2] > [3] > [1]}; lists longer than a
	 * window are ranked in sliding windows from the bottom to the top. Scores come from
	 * the final rank.
	 */
	LISTWISE,

	/**
	 * One prompt per document asking for a relevance grade from 0 to 10; the score is the
	 * grade divided by 10. The prompts are sent in parallel, a bounded number at a time.
	 */
	POINTWISE;

	/**
	 * The value used in observations, in lower case.
	 * @return the value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}

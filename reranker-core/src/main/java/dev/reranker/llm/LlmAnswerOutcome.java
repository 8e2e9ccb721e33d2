package dev.reranker.llm;

import java.util.Locale;

/**
 * What became of one chat model answer, recorded as a low-cardinality key of the
 * {@code reranker.llm.answer} observation.
 */
public enum LlmAnswerOutcome {

	/**
	 * Listwise: every label of the window exactly once and nothing else; pointwise: a
	 * grade from 0 to 10.
	 */
	COMPLETE,

	/**
	 * Listwise only: some labels ranked, but others missing, repeated or unknown. The
	 * ranked ones lead; the rest keep their relative order after them.
	 */
	PARTIAL,

	/**
	 * Nothing usable: the window keeps its order (listwise), or the document scores 0
	 * (pointwise).
	 */
	UNPARSEABLE,

	/** The chat model call failed (after retries) or was abandoned at the deadline. */
	ERROR;

	/**
	 * The tag value, in lower case.
	 * @return the value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}

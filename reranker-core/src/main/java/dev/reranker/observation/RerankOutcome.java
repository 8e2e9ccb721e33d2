package dev.reranker.observation;

import java.util.Locale;

/**
 * How a rerank call ended, recorded as a low-cardinality observation key.
 */
public enum RerankOutcome {

	/** The model scored the candidates and they were reranked. */
	SUCCESS,

	/** The model failed and the first-stage order was returned instead. */
	FALLBACK,

	/** The model failed and the failure was thrown to the caller. */
	FAILURE;

	/**
	 * The tag value, in lower case.
	 * @return the value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}

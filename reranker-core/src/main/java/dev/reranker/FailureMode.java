package dev.reranker;

/**
 * What {@link RerankingDocumentPostProcessor} does when the rerank model fails.
 */
public enum FailureMode {

	/**
	 * Log a warning and return the first-stage order trimmed to top-n, each document
	 * marked with {@link RerankDocumentMetadata#RERANK_FALLBACK}.
	 */
	FALLBACK,

	/**
	 * Throw a {@link RerankException} naming the provider and the cause.
	 */
	FAIL

}

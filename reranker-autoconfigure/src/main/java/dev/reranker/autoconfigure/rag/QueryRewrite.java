package dev.reranker.autoconfigure.rag;

/**
 * How the auto-configured advisor rewrites the user's question before retrieval and
 * reranking ({@code reranker.advisor.query-rewrite}).
 */
public enum QueryRewrite {

	/** Retrieve and rerank with the question as asked. */
	NONE,

	/**
	 * Compress the conversation and the follow-up question into a standalone question
	 * with Spring AI's
	 * {@link org.springframework.ai.rag.preretrieval.query.transformation.CompressionQueryTransformer}
	 * (one call to the application's chat model per question).
	 */
	COMPRESSION

}

package dev.reranker.autoconfigure.rag;

import org.springframework.ai.vectorstore.VectorStore;

/**
 * Thrown at start-up when {@code reranker.advisor.keyword.enabled=true} but keyword
 * retrieval cannot be set up: the VectorStore is not a {@code PgVectorStore}, or
 * {@code spring-ai-pgvector-store} / {@code spring-jdbc} are not on the class path.
 */
public class KeywordRetrievalUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String vectorStoreType;

	public KeywordRetrievalUnavailableException(VectorStore vectorStore) {
		super("reranker.advisor.keyword.enabled=true but keyword retrieval is unavailable: it needs the VectorStore "
				+ "bean to be a PgVectorStore (found " + vectorStore.getClass().getName()
				+ ") and spring-ai-pgvector-store and spring-jdbc on the class path");
		this.vectorStoreType = vectorStore.getClass().getName();
	}

	public String getVectorStoreType() {
		return this.vectorStoreType;
	}

}

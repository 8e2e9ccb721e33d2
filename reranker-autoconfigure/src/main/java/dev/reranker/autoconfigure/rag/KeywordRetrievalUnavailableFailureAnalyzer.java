package dev.reranker.autoconfigure.rag;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains {@link KeywordRetrievalUnavailableException} at start-up.
 */
class KeywordRetrievalUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<KeywordRetrievalUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeywordRetrievalUnavailableException cause) {
		return new FailureAnalysis(
				"Keyword retrieval was requested (reranker.advisor.keyword.enabled=true) but the VectorStore bean is a "
						+ cause.getVectorStoreType() + "; keyword retrieval works only on a PgVectorStore's table.",
				"Use PgVectorStore (spring-ai-starter-vector-store-pgvector, with spring-jdbc), or set "
						+ "reranker.advisor.keyword.enabled=false.",
				cause);
	}

}

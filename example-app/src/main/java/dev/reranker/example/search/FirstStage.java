package dev.reranker.example.search;

import java.util.List;

import org.springframework.ai.document.Document;

/**
 * First-stage retrieval: the candidates the reranker reorders, best first, each with its
 * retrieval score.
 */
public interface FirstStage {

	/**
	 * Retrieves candidates for a query.
	 * @param query the query text
	 * @param candidates how many candidates to return at most
	 * @return the candidates, best first
	 */
	List<Document> retrieve(String query, int candidates);

	/** A short description for the API and the page, e.g. "vector search (in-memory)". */
	String description();

	/**
	 * What the retrieval scores are, for labels on the page: cosine similarity unless a
	 * first stage says otherwise (fused ranks, for instance, are not similarities).
	 * @return a short label, e.g. "similarity"
	 */
	default String scoreKind() {
		return "similarity";
	}

}

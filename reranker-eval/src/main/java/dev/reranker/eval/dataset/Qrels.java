package dev.reranker.eval.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: for each query id, the judged document ids and their graded
 * relevance. As in trec_eval, a document is relevant when its grade is at least 1; grades
 * of 0 and below are judged non-relevant; unjudged documents are non-relevant.
 */
public final class Qrels {

	private final Map<String, Map<String, Integer>> judgments;

	/**
	 * Creates judgments from a map of query id to (document id to grade); copied.
	 * @param judgments the judgments
	 */
	public Qrels(Map<String, Map<String, Integer>> judgments) {
		Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
		judgments.forEach(
				(query, documents) -> copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(documents))));
		this.judgments = Collections.unmodifiableMap(copy);
	}

	/** Query ids that have at least one judgment, in file order. */
	public Set<String> queryIds() {
		return this.judgments.keySet();
	}

	/**
	 * The judgments of one query.
	 * @param queryId the query id
	 * @return document id to grade; empty when the query has no judgments
	 */
	public Map<String, Integer> judgments(String queryId) {
		return this.judgments.getOrDefault(queryId, Map.of());
	}

	/**
	 * Number of relevant (grade at least 1) documents of a query.
	 * @param queryId the query id
	 * @return the count
	 */
	public int relevantCount(String queryId) {
		return (int) judgments(queryId).values().stream().filter(grade -> grade > 0).count();
	}

	/** Total number of judgments. */
	public int size() {
		return this.judgments.values().stream().mapToInt(Map::size).sum();
	}

}

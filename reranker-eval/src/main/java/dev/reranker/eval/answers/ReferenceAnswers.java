package dev.reranker.eval.answers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference answers per query, read by {@link ReferenceAnswersReader}.
 *
 * @param source where they were read from, for the report
 * @param byQuery per query id, its reference answers (one or more), in file order
 */
public record ReferenceAnswers(String source, Map<String, List<String>> byQuery) {

	public ReferenceAnswers {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		byQuery.forEach((query, answers) -> copy.put(query, List.copyOf(answers)));
		byQuery = Collections.unmodifiableMap(copy);
	}

	/**
	 * @param queryId a query id
	 * @return its reference answers, empty when it has none
	 */
	public List<String> of(String queryId) {
		return this.byQuery.getOrDefault(queryId, List.of());
	}

}

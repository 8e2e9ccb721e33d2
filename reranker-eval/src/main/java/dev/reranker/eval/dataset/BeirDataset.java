package dev.reranker.eval.dataset;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dataset in BEIR layout, read by {@link BeirDatasetReader}.
 *
 * @param name the dataset's folder name
 * @param corpus the documents by id, in file order
 * @param queries the queries to evaluate: those of {@code queries.jsonl} that have
 * judgments in the chosen qrels file, in file order
 * @param qrels the judgments
 * @param excluded per query id, documents removed from that query's candidates before
 * evaluation (e.g. Cranfield's source documents); empty when none
 * @param statistics what was read and what was left out, for the report
 */
public record BeirDataset(String name, Map<String, CorpusDocument> corpus, List<EvalQuery> queries, Qrels qrels,
		Map<String, Set<String>> excluded, Statistics statistics) {

	public BeirDataset {
		corpus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(corpus));
		queries = List.copyOf(queries);
		excluded = Map.copyOf(excluded);
	}

	/**
	 * Documents excluded from one query's candidates.
	 * @param queryId the query id
	 * @return the excluded document ids, empty when none
	 */
	public Set<String> excludedFor(String queryId) {
		return this.excluded.getOrDefault(queryId, Set.of());
	}

	/**
	 * Counts describing how the dataset was read.
	 *
	 * @param documents documents in the corpus
	 * @param queriesInFile queries in {@code queries.jsonl}
	 * @param queriesWithoutJudgments queries of {@code queries.jsonl} the qrels file does
	 * not mention; they are not evaluated
	 * @param queriesWithoutRelevant evaluated queries whose judgments are all below 1;
	 * they score 0 on every metric, as in trec_eval
	 * @param judgments judgments in the qrels file
	 * @param judgedQueriesNotInFile query ids in the qrels file that
	 * {@code queries.jsonl} does not have; their judgments are ignored
	 * @param judgedDocumentsNotInCorpus judgments naming a document the corpus does not
	 * have; they still count as relevant (as in trec_eval), so recall cannot reach 1
	 * @param exclusions query-document pairs removed from candidate lists
	 * @param excludedJudgments judgments that name an excluded document of the same query
	 * (they stay in the qrels)
	 */
	public record Statistics(int documents, int queriesInFile, int queriesWithoutJudgments, int queriesWithoutRelevant,
			int judgments, int judgedQueriesNotInFile, int judgedDocumentsNotInCorpus, int exclusions,
			int excludedJudgments) {
	}

}

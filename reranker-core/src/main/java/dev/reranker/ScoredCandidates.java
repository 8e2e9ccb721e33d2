package dev.reranker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.reranker.context.ContextPolicy;
import dev.reranker.passage.PassageMatch;
import dev.reranker.passage.PassagePlan;

import org.springframework.ai.document.Document;

/**
 * The scores of one call's candidates: the context policy plans the texts (whole
 * documents, or windows of long ones), one model call scores them all, and the best
 * window's score becomes the document's. A latency budget may cut the candidates to the
 * first k whose texts (all windows of each) it predicts to fit.
 *
 * @param candidates the first-stage positions scored: the call's candidates, or the first
 * of them when the budget did not cover all
 * @param scores {@code scores[i]} for the {@code i}-th scored candidate
 * @param passages how the candidates were windowed, by first-stage position (empty when
 * documents were read whole)
 */
record ScoredCandidates(List<Integer> candidates, double[] scores, Map<Integer, PassageMatch> passages) {

	/**
	 * @param affordable how many of the planned texts, from the first, the budget allows
	 */
	static ScoredCandidates score(ModelScoring scoring, ContextPolicy contextPolicy, String query,
			List<Integer> candidates, List<Document> documents, ToIntFunction<List<String>> affordable) {
		if (documents.isEmpty()) {
			return new ScoredCandidates(candidates, new double[0], Map.of());
		}
		PassagePlan plan = contextPolicy.plan(query, documents);
		int within = plan.documentsWithin(affordable.applyAsInt(plan.texts()));
		if (within < documents.size()) {
			candidates = candidates.subList(0, within);
			plan = contextPolicy.plan(query, documents.subList(0, within));
		}
		PassagePlan.PassageScores folded = plan.scores(scoring.score(query, plan.texts()));
		List<PassageMatch> matches = folded.matches();
		if (matches == null) {
			return new ScoredCandidates(candidates, folded.scores(), Map.of());
		}
		Map<Integer, PassageMatch> passages = new HashMap<>();
		for (int i = 0; i < candidates.size(); i++) {
			passages.put(candidates.get(i), matches.get(i));
		}
		return new ScoredCandidates(candidates, folded.scores(), passages);
	}

}

package dev.reranker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.reranker.context.ContextPolicy;
import dev.reranker.passage.PassageMatch;
import dev.reranker.passage.PassagePlan;

import org.springframework.ai.document.Document;

/**
 * The scores of one call's candidates: the context policy plans the texts (whole
 * documents, or windows of long ones), one model call scores them all, and the best
 * window's score becomes the document's.
 *
 * @param scores {@code scores[i]} for the {@code i}-th candidate
 * @param passages how the candidates were windowed, by first-stage position (empty when
 * documents were read whole)
 */
record ScoredCandidates(double[] scores, Map<Integer, PassageMatch> passages) {

	static ScoredCandidates score(ModelScoring scoring, ContextPolicy contextPolicy, String query,
			List<Integer> candidates, List<Document> documents) {
		if (documents.isEmpty()) {
			return new ScoredCandidates(new double[0], Map.of());
		}
		PassagePlan plan = contextPolicy.plan(query, documents);
		PassagePlan.PassageScores folded = plan.scores(scoring.score(query, plan.texts()));
		List<PassageMatch> matches = folded.matches();
		if (matches == null) {
			return new ScoredCandidates(folded.scores(), Map.of());
		}
		Map<Integer, PassageMatch> passages = new HashMap<>();
		for (int i = 0; i < candidates.size(); i++) {
			passages.put(candidates.get(i), matches.get(i));
		}
		return new ScoredCandidates(folded.scores(), passages);
	}

}

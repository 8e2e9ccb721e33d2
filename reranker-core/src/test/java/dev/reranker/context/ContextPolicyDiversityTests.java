package dev.reranker.context;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented order of {@link ContextPolicy#arrange}: near-duplicates, then maximal
 * marginal relevance, then the token budget (which keeps documents in MMR order), then
 * the ordering.
 */
class ContextPolicyDiversityTests {

	private static final Map<String, float[]> VECTORS = Map.of("price plan costs ten euros", new float[] { 1, 0, 0 },
			"price plan costs ten euros yearly", new float[] { 0.98f, 0.2f, 0 }, "office in lyon",
			new float[] { 0, 1, 0 }, "support answers within a day", new float[] { 0, 0, 1 });

	@Test
	void nearDuplicatesThenMmrThenTheBudgetKeepInMmrOrder() {
		List<Document> ranked = List.of(doc("price plan costs ten euros", 0.9), doc("price plan costs ten euros", 0.88),
				doc("price plan costs ten euros yearly", 0.85), doc("office in lyon", 0.5),
				doc("support answers within a day", 0.4));
		JTokkitTokenCountEstimator jtokkit = new JTokkitTokenCountEstimator();
		int budget = jtokkit.estimate("price plan costs ten euros") + jtokkit.estimate("office in lyon");
		ContextPolicy policy = ContextPolicy.builder()
			.nearDuplicates(NearDuplicates.of(1))
			.maximalMarginalRelevance(MaximalMarginalRelevance.of(0.5,
					(documents) -> documents.stream().map((document) -> VECTORS.get(document.getText())).toList()))
			.tokenBudget(TokenBudget.of(budget))
			.build();

		List<Document> arranged = policy.arrange(ranked);

		// The exact duplicate goes; MMR puts the office before the redundant "yearly"
		// passage, so the budget's room goes to the office.
		assertThat(arranged).extracting(Document::getText)
			.containsExactly("price plan costs ten euros", "office in lyon");
		assertThat(arranged.get(0)).isSameAs(ranked.get(0));
		assertThat(ranked).hasSize(5);
	}

	private static Document doc(String text, double score) {
		return Document.builder().text(text).score(score).build();
	}

}

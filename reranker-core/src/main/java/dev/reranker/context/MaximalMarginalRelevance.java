package dev.reranker.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.ai.document.Document;
import org.springframework.util.Assert;

/**
 * Reorders a ranked list by maximal marginal relevance: each next document is the one
 * maximising {@code lambda × relevance − (1 − lambda) × max similarity to those already
 * chosen}. Relevance is the document's score min-max normalised over the list (its rank
 * when documents carry no score); similarity is the cosine of the documents' embeddings,
 * computed in one batch by the given function. {@code lambda = 1} keeps the ranked order,
 * {@code 0} favours diversity alone. Thread-safe when the embedding function is.
 */
public final class MaximalMarginalRelevance {

	private final double lambda;

	private final Function<List<Document>, List<float[]>> embeddings;

	private MaximalMarginalRelevance(double lambda, Function<List<Document>, List<float[]>> embeddings) {
		Assert.isTrue(lambda >= 0 && lambda <= 1,
				() -> "lambda must be between 0 and 1 but was " + lambda + " (MaximalMarginalRelevance#of)");
		Assert.notNull(embeddings, "embeddings must not be null (MaximalMarginalRelevance#of)");
		this.lambda = lambda;
		this.embeddings = embeddings;
	}

	/**
	 * @param lambda the weight of relevance against diversity, in [0, 1]
	 * @param embeddings one embedding per document, in the order given, e.g.
	 * {@code docs -> embeddingModel.embed(docs.stream().map(Document::getText).toList())}
	 * @return the reordering
	 */
	public static MaximalMarginalRelevance of(double lambda, Function<List<Document>, List<float[]>> embeddings) {
		return new MaximalMarginalRelevance(lambda, embeddings);
	}

	/**
	 * @param ranked the documents, best first; not changed
	 * @return the same documents in maximal-marginal-relevance order, as a new list
	 */
	public List<Document> reorder(List<Document> ranked) {
		if (ranked.size() < 2) {
			return new ArrayList<>(ranked);
		}
		List<float[]> vectors = this.embeddings.apply(List.copyOf(ranked));
		Assert.state(vectors != null && vectors.size() == ranked.size(),
				() -> "The embedding function returned " + ((vectors != null) ? vectors.size() : "no")
						+ " embeddings for " + ranked.size() + " documents (MaximalMarginalRelevance)");
		double[] relevance = relevance(ranked);
		int size = ranked.size();
		boolean[] chosen = new boolean[size];
		double[] maxSimilarity = new double[size];
		List<Document> reordered = new ArrayList<>(size);
		for (int round = 0; round < size; round++) {
			int best = -1;
			double bestValue = Double.NEGATIVE_INFINITY;
			for (int candidate = 0; candidate < size; candidate++) {
				if (chosen[candidate]) {
					continue;
				}
				double penalty = (round == 0) ? 0 : maxSimilarity[candidate];
				double value = this.lambda * relevance[candidate] - (1 - this.lambda) * penalty;
				// Strictly greater: ties go to the better-ranked document.
				if (value > bestValue) {
					bestValue = value;
					best = candidate;
				}
			}
			chosen[best] = true;
			reordered.add(ranked.get(best));
			for (int candidate = 0; candidate < size; candidate++) {
				if (!chosen[candidate]) {
					double similarity = CosineSimilarity.of(vectors.get(candidate), vectors.get(best));
					maxSimilarity[candidate] = (round == 0) ? similarity
							: Math.max(maxSimilarity[candidate], similarity);
				}
			}
		}
		return reordered;
	}

	private static double[] relevance(List<Document> ranked) {
		int size = ranked.size();
		double[] relevance = new double[size];
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		boolean scored = true;
		for (int i = 0; i < size; i++) {
			Double score = ranked.get(i).getScore();
			if (score == null || score.isNaN()) {
				scored = false;
				break;
			}
			relevance[i] = score;
			min = Math.min(min, score);
			max = Math.max(max, score);
		}
		for (int i = 0; i < size; i++) {
			if (!scored) {
				relevance[i] = 1.0 - (double) i / size;
			}
			else {
				relevance[i] = (max > min) ? (relevance[i] - min) / (max - min) : 1.0;
			}
		}
		return relevance;
	}

	public double getLambda() {
		return this.lambda;
	}

	@Override
	public String toString() {
		return "MaximalMarginalRelevance{lambda=" + this.lambda + "}";
	}

}

package dev.reranker.context;

import org.springframework.util.Assert;

/**
 * Cosine similarity of two embeddings, for the project's rescoring and diversity steps.
 */
public final class CosineSimilarity {

	private CosineSimilarity() {
	}

	/**
	 * @param first an embedding
	 * @param second an embedding of the same dimensions
	 * @return the cosine, clamped to [-1, 1]; 0 when either vector is all zeros
	 * @throws IllegalArgumentException when the dimensions differ
	 */
	public static double of(float[] first, float[] second) {
		Assert.isTrue(first.length == second.length,
				() -> "Embeddings of different dimensions: " + first.length + " and " + second.length);
		double dot = 0;
		double normFirst = 0;
		double normSecond = 0;
		for (int i = 0; i < first.length; i++) {
			dot += (double) first[i] * second[i];
			normFirst += (double) first[i] * first[i];
			normSecond += (double) second[i] * second[i];
		}
		if (normFirst == 0 || normSecond == 0) {
			return 0;
		}
		return Math.max(-1.0, Math.min(1.0, dot / Math.sqrt(normFirst * normSecond)));
	}

}

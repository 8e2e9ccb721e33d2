package dev.reranker.local;

/**
 * How a cross-encoder's output logits become a relevance score in {@code [0, 1]}.
 */
public enum Activation {

	/** Sigmoid for one logit, softmax of the positive (last) class for two. */
	AUTO,
	/** Sigmoid of the last logit. */
	SIGMOID,
	/** Softmax over the logits, taking the last (positive) class; needs two or more. */
	SOFTMAX,
	/** The last output as is, for graphs that already end in a probability. */
	NONE;

	double apply(float[] logits) {
		int last = logits.length - 1;
		return switch (this) {
			case AUTO -> (logits.length == 1) ? sigmoid(logits[0]) : softmaxLast(logits);
			case SIGMOID -> sigmoid(logits[last]);
			case SOFTMAX -> softmaxLast(logits);
			case NONE -> logits[last];
		};
	}

	private static double sigmoid(double x) {
		return 1.0 / (1.0 + Math.exp(-x));
	}

	private static double softmaxLast(float[] logits) {
		double max = Double.NEGATIVE_INFINITY;
		for (float logit : logits) {
			max = Math.max(max, logit);
		}
		double sum = 0;
		for (float logit : logits) {
			sum += Math.exp(logit - max);
		}
		return Math.exp(logits[logits.length - 1] - max) / sum;
	}

}

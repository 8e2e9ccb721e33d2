package dev.reranker.train.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** What the cross-encoder is trained to do with its logits. */
public enum TrainingLoss {

	/**
	 * Binary cross-entropy over (query, passage) pairs: the positive labelled 1, each
	 * negative 0.
	 */
	BCE,

	/**
	 * Softmax cross-entropy over a group of one positive and k negatives of the same
	 * query: the positive should win the group.
	 */
	LISTWISE;

	/**
	 * The mean loss of a batch.
	 * @param logits {@code [pairs, 1]}; for {@link #LISTWISE} groups of {@code groupSize}
	 * with the positive first
	 * @param labels {@code [pairs]} 1 or 0, used by {@link #BCE}
	 * @param groupSize pairs per group, used by {@link #LISTWISE}
	 * @return the scalar loss
	 */
	public NDArray compute(NDArray logits, NDArray labels, int groupSize) {
		if (this == BCE) {
			NDArray x = logits.reshape(-1);
			// max(x, 0) - x·y + log(1 + e^-|x|): the logits form, stable for large |x|.
			return x.maximum(0).sub(x.mul(labels)).add(x.abs().neg().exp().add(1).log()).mean();
		}
		NDArray groups = logits.reshape(-1, groupSize);
		return groups.logSoftmax(1).get(new NDIndex(":, 0")).neg().mean();
	}

}

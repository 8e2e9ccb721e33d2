package dev.reranker.train.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Encoded query-passage pairs, padded to the longest pair of the batch.
 *
 * @param ids token ids, {@code [batch][length]}
 * @param typeIds token type ids (0 query, 1 passage)
 * @param mask attention mask (1 token, 0 padding)
 */
public record PairBatch(long[][] ids, long[][] typeIds, long[][] mask) {

	/** Pairs in the batch. */
	public int size() {
		return this.ids.length;
	}

	/** Tokens per pair, padding included. */
	public int length() {
		return (this.ids.length == 0) ? 0 : this.ids[0].length;
	}

	/**
	 * The block's inputs.
	 * @param manager owns the arrays
	 * @return {@code input_ids}, {@code token_type_ids}, {@code attention_mask}
	 */
	public NDList toInputs(NDManager manager) {
		return new NDList(manager.create(this.ids), manager.create(this.typeIds), manager.create(this.mask));
	}

}

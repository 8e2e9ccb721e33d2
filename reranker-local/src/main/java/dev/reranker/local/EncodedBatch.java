package dev.reranker.local;

/**
 * Encoded query-document pairs padded to one length, row-major.
 *
 * @param ids token ids, {@code rows * columns}
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param typeIds 0 for the query segment, 1 for the document segment
 * @param rows number of pairs
 * @param columns padded sequence length
 */
record EncodedBatch(long[] ids, long[] attentionMask, long[] typeIds, int rows, int columns) {

	long[] shape() {
		return new long[] { this.rows, this.columns };
	}

}

package dev.reranker.local;

import java.util.Arrays;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

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

	/**
	 * Padding positions are masked out, so any valid id works; 0 is [PAD] in BERT
	 * vocabularies.
	 */
	static final long PAD_ID = 0;

	/**
	 * Pads pairs to the longest of them.
	 * @param encodings the pairs, one row each, in row order
	 * @return the batch
	 */
	static EncodedBatch pad(List<Encoding> encodings) {
		int rows = encodings.size();
		int columns = 0;
		for (Encoding encoding : encodings) {
			columns = Math.max(columns, encoding.getIds().length);
		}
		long[] ids = new long[rows * columns];
		long[] mask = new long[rows * columns];
		long[] types = new long[rows * columns];
		Arrays.fill(ids, PAD_ID);
		for (int row = 0; row < rows; row++) {
			Encoding encoding = encodings.get(row);
			int length = encoding.getIds().length;
			System.arraycopy(encoding.getIds(), 0, ids, row * columns, length);
			System.arraycopy(encoding.getAttentionMask(), 0, mask, row * columns, length);
			System.arraycopy(encoding.getTypeIds(), 0, types, row * columns, length);
		}
		return new EncodedBatch(ids, mask, types, rows, columns);
	}

	/**
	 * The same batch with one token id replaced, for probing the graph.
	 * @param index the position in {@link #ids()}
	 * @param id the token id to put there
	 * @return a copy with that id
	 */
	EncodedBatch withId(int index, long id) {
		long[] copy = this.ids.clone();
		copy[index] = id;
		return new EncodedBatch(copy, this.attentionMask, this.typeIds, this.rows, this.columns);
	}

	long[] shape() {
		return new long[] { this.rows, this.columns };
	}

}

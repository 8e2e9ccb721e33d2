package dev.reranker.local;

import java.util.Arrays;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * Encoded query-document pairs padded to one length, row-major, ready for one graph.
 *
 * @param ids token ids, {@code rows * columns}
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param typeIds 0 for the query segment, 1 for the document segment (BERT-style
 * tokenizers; 0 elsewhere)
 * @param positionIds each real token's position counted from the row's first real token
 * (which has the model's first position id), 0 on padding
 * @param rows number of pairs
 * @param columns padded sequence length
 * @param signature what the graph is fed and which output is read
 */
record EncodedBatch(long[] ids, long[] attentionMask, long[] typeIds, long[] positionIds, int rows, int columns,
		GraphSignature signature) {

	/**
	 * Pads pairs to the longest of them with the model's pad id, on the right (encoders)
	 * or on the left (decoders, so that every row ends at the last position).
	 * @param encodings the pairs, one row each, in row order
	 * @param padId the model's pad id (graphs such as RoBERTa's position ids and
	 * sequence-classification heads tell padding by it)
	 * @param left whether to pad on the left
	 * @param firstPosition the position id of each row's first real token (RoBERTa's
	 * start after the pad id)
	 * @param signature the graph's signature
	 * @return the batch
	 */
	static EncodedBatch pad(List<Encoding> encodings, long padId, boolean left, long firstPosition,
			GraphSignature signature) {
		int rows = encodings.size();
		int columns = 0;
		for (Encoding encoding : encodings) {
			columns = Math.max(columns, encoding.getIds().length);
		}
		long[] ids = new long[rows * columns];
		long[] mask = new long[rows * columns];
		long[] types = new long[rows * columns];
		long[] positions = new long[rows * columns];
		Arrays.fill(ids, padId);
		for (int row = 0; row < rows; row++) {
			Encoding encoding = encodings.get(row);
			int length = encoding.getIds().length;
			int start = row * columns + (left ? columns - length : 0);
			System.arraycopy(encoding.getIds(), 0, ids, start, length);
			System.arraycopy(encoding.getAttentionMask(), 0, mask, start, length);
			System.arraycopy(encoding.getTypeIds(), 0, types, start, length);
			for (int i = 0; i < length; i++) {
				positions[start + i] = firstPosition + i;
			}
		}
		return new EncodedBatch(ids, mask, types, positions, rows, columns, signature);
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
		return new EncodedBatch(copy, this.attentionMask, this.typeIds, this.positionIds, this.rows, this.columns,
				this.signature);
	}

	long[] shape() {
		return new long[] { this.rows, this.columns };
	}

}

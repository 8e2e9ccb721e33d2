package dev.reranker.local;

import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * How pairs become a batch for one model: the pad id, the padding side, the first
 * position id and the graph's signature.
 *
 * @param padId the model's pad id
 * @param leftPadding whether rows are padded on the left (decoders)
 * @param firstPosition the position id of each row's first real token
 * ({@link ModelMetadata#firstPosition()})
 * @param signature what the graph is fed and which output is read
 */
record BatchLayout(long padId, boolean leftPadding, long firstPosition, GraphSignature signature) {

	/**
	 * Pads pairs to the longest of them.
	 * @param encodings the pairs, in row order
	 * @return the batch
	 */
	EncodedBatch pad(List<Encoding> encodings) {
		return EncodedBatch.pad(encodings, this.padId, this.leftPadding, this.firstPosition, this.signature);
	}

}

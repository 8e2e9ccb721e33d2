package dev.reranker.local;

import java.util.List;

/**
 * Runs a loaded cross-encoder graph on encoded batches. Implementations are safe for
 * concurrent use.
 */
interface CrossEncoderRuntime extends AutoCloseable {

	/**
	 * The graph's input names in declaration order, or an empty list when the engine does
	 * not name inputs (TorchScript).
	 */
	List<String> inputNames();

	/**
	 * Runs the graph.
	 * @param batch the batch, fed as input_ids, attention_mask and, when
	 * {@code withTypeIds}, token_type_ids
	 * @param withTypeIds whether the graph takes token_type_ids
	 * @return the first output as {@code [rows][labels]}
	 */
	float[][] run(EncodedBatch batch, boolean withTypeIds);

	/** A short description for logs, e.g. {@code DJL OnnxRuntime 1.21.1}. */
	String description();

	@Override
	void close();

	/**
	 * Reshapes a flat output of {@code rows} rows, failing on anything but [rows] or
	 * [rows, labels].
	 */
	static float[][] rows(float[] flat, long[] shape, int rows) {
		if (shape.length == 0 || shape[0] != rows || shape.length > 2) {
			throw new IllegalStateException("expected the first output to have shape [batch, labels] with batch=" + rows
					+ " but it had shape " + java.util.Arrays.toString(shape));
		}
		int labels = (shape.length == 1) ? 1 : (int) shape[1];
		float[][] result = new float[rows][labels];
		for (int r = 0; r < rows; r++) {
			System.arraycopy(flat, r * labels, result[r], 0, labels);
		}
		return result;
	}

}

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
	 * The graph's output names in declaration order, or an empty list when the engine
	 * does not tell them before a run (DJL: outputs are picked by name after it).
	 */
	List<String> outputNames();

	/**
	 * Runs the graph.
	 * @param batch the batch, fed as the inputs its {@link EncodedBatch#signature()}
	 * names
	 * @return the output the signature chooses, as {@code [rows][labels]}
	 */
	float[][] run(EncodedBatch batch);

	/** A short description for logs, e.g. {@code DJL OnnxRuntime 1.21.1}. */
	String description();

	@Override
	void close();

}

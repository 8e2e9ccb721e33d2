package dev.reranker.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

import dev.reranker.RerankException;

/**
 * Scores encoded pairs on the graph, length-aware: pairs are sorted by token length and
 * run in batches of {@code batchSize}, each padded only to its own longest pair, and
 * {@link Activation} turns each row of logits into a score. Thread-safe; {@link #close()}
 * frees the runtime.
 */
final class BatchScorer implements AutoCloseable {

	private final String modelName;

	private final CrossEncoderRuntime runtime;

	private final BatchLayout layout;

	private final int batchSize;

	private final Activation activation;

	/**
	 * @param modelName the model, for error messages
	 * @param runtime the loaded graph, owned from now on
	 * @param layout pad id, padding side and graph signature
	 * @param batchSize pairs per forward pass
	 * @param activation how logits become scores
	 */
	BatchScorer(String modelName, CrossEncoderRuntime runtime, BatchLayout layout, int batchSize,
			Activation activation) {
		this.modelName = modelName;
		this.runtime = runtime;
		this.layout = layout;
		this.batchSize = batchSize;
		this.activation = activation;
	}

	/**
	 * Scores pairs.
	 * @param encodings the unpadded pairs
	 * @return one score per pair, in input order
	 * @throws RerankException when inference fails
	 */
	double[] score(Encoding[] encodings) {
		Integer[] order = new Integer[encodings.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> encodings[i].getIds().length).reversed());
		double[] scores = new double[encodings.length];
		for (int start = 0; start < order.length; start += this.batchSize) {
			int end = Math.min(order.length, start + this.batchSize);
			List<Encoding> rows = new ArrayList<>(end - start);
			for (int i = start; i < end; i++) {
				rows.add(encodings[order[i]]);
			}
			float[][] logits;
			try {
				logits = run(this.layout.pad(rows));
			}
			catch (RuntimeException ex) {
				throw new RerankException(LocalRerankModel.PROVIDER,
						"inference with model '" + this.modelName + "' failed: " + ex.getMessage(), ex);
			}
			for (int row = 0; row < rows.size(); row++) {
				scores[order[start + row]] = this.activation.apply(logits[row]);
			}
		}
		return scores;
	}

	/**
	 * Runs one padded batch as it is, for the probe at load time.
	 * @param batch the batch
	 * @return the logits, {@code [rows][labels]}
	 */
	float[][] run(EncodedBatch batch) {
		return this.runtime.run(batch);
	}

	BatchLayout layout() {
		return this.layout;
	}

	int batchSize() {
		return this.batchSize;
	}

	Activation activation() {
		return this.activation;
	}

	String runtimeDescription() {
		return this.runtime.description();
	}

	@Override
	public void close() {
		this.runtime.close();
	}

}

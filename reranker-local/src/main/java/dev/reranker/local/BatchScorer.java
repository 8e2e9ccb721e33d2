package dev.reranker.local;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import ai.djl.huggingface.tokenizers.Encoding;

import dev.reranker.RerankException;

/**
 * Scores encoded pairs on the graph, length-aware: {@link TokenBudgetBatches} groups the
 * pairs (sorted by length) into batches of at most a token budget, each padded only to
 * its own longest pair; the batches are spread over the {@link InferenceLanes}, and
 * {@link Activation} turns each row of logits into a score. Thread-safe; {@link #close()}
 * frees the sessions.
 */
final class BatchScorer implements AutoCloseable {

	private final String modelName;

	private final InferenceLanes lanes;

	private final BatchLayout layout;

	private final TokenBudgetBatches batches;

	private final Activation activation;

	/**
	 * @param modelName the model, for error messages
	 * @param lanes the loaded sessions, owned from now on
	 * @param layout pad id, padding side and graph signature
	 * @param batches how pairs are grouped into forward passes
	 * @param activation how logits become scores
	 */
	BatchScorer(String modelName, InferenceLanes lanes, BatchLayout layout, TokenBudgetBatches batches,
			Activation activation) {
		this.modelName = modelName;
		this.lanes = lanes;
		this.layout = layout;
		this.batches = batches;
		this.activation = activation;
	}

	/**
	 * Scores pairs.
	 * @param encodings the unpadded pairs
	 * @return one score per pair, in input order
	 * @throws RerankException when inference fails
	 */
	double[] score(Encoding[] encodings) {
		int[] lengths = new int[encodings.length];
		for (int i = 0; i < encodings.length; i++) {
			lengths[i] = encodings[i].getIds().length;
		}
		List<int[]> plan = this.batches.plan(lengths);
		List<Function<CrossEncoderRuntime, float[][]>> tasks = new ArrayList<>(plan.size());
		for (int[] rows : plan) {
			tasks.add((runtime) -> {
				List<Encoding> batch = new ArrayList<>(rows.length);
				for (int index : rows) {
					batch.add(encodings[index]);
				}
				return runtime.run(this.layout.pad(batch));
			});
		}
		List<float[][]> logits;
		try {
			logits = this.lanes.runAll(tasks);
		}
		catch (RuntimeException ex) {
			throw new RerankException(LocalRerankModel.PROVIDER,
					"inference with model '" + this.modelName + "' failed: " + ex.getMessage(), ex);
		}
		double[] scores = new double[encodings.length];
		for (int b = 0; b < plan.size(); b++) {
			int[] rows = plan.get(b);
			for (int row = 0; row < rows.length; row++) {
				scores[rows[row]] = this.activation.apply(logits.get(b)[row]);
			}
		}
		return scores;
	}

	/**
	 * Runs one padded batch as it is on the first session, for the probe at load time.
	 * @param batch the batch
	 * @return the logits, {@code [rows][labels]}
	 */
	float[][] run(EncodedBatch batch) {
		return this.lanes.first().run(batch);
	}

	BatchLayout layout() {
		return this.layout;
	}

	/**
	 * Runs one padded batch on every session, so none is cold for the first request.
	 * @param batch the batch
	 */
	void warmUp(EncodedBatch batch) {
		for (CrossEncoderRuntime runtime : this.lanes.all()) {
			runtime.run(batch);
		}
	}

	int batchSize() {
		return this.batches.maxPairs();
	}

	int batchTokens() {
		return this.batches.tokensPerBatch();
	}

	int sessions() {
		return this.lanes.size();
	}

	Activation activation() {
		return this.activation;
	}

	String runtimeDescription() {
		return this.lanes.first().description() + ((this.lanes.size() > 1) ? " × " + this.lanes.size() : "");
	}

	@Override
	public void close() {
		this.lanes.close();
	}

}

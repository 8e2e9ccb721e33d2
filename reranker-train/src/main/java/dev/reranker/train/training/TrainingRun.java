package dev.reranker.train.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.Tensor;
import dev.reranker.train.model.CrossEncoderBlock;
import dev.reranker.train.model.PairBatch;
import dev.reranker.train.model.PairTokenizer;
import dev.reranker.train.training.EncodedExamples.PairRef;

/**
 * One training run of {@link CrossEncoderTrainer}: the update loop with its held-out
 * evaluations, checkpoints and resume.
 */
final class TrainingRun {

	private static final Logger logger = LoggerFactory.getLogger(TrainingRun.class);

	private static final int MAX_SKIPPED_IN_A_ROW = 5;

	private final TrainingOptions options;

	private final TrainingListener listener;

	private final Engine engine;

	private final NDManager manager;

	private final Checkpoint start;

	private final BatchPlan plan;

	private final @Nullable BatchPlan heldOut;

	private final int total;

	private final String identity;

	private final List<Double> losses = new ArrayList<>();

	private final List<Evaluation> evaluations = new ArrayList<>();

	private @Nullable Map<String, Tensor> best;

	private double bestLoss = Double.NaN;

	private int sinceBest;

	private long pairs;

	private final GradientClipping clipping;

	private int skipped;

	private int skippedInARow;

	TrainingRun(TrainingOptions options, TrainingListener listener, Engine engine, NDManager manager, Checkpoint start,
			BatchPlan plan, @Nullable BatchPlan heldOut, int total) {
		this.options = options;
		this.listener = listener;
		this.engine = engine;
		this.manager = manager;
		this.start = start;
		this.plan = plan;
		this.heldOut = heldOut;
		this.total = total;
		this.identity = runIdentity(plan.examples().size(), total);
		this.clipping = new GradientClipping(options.maxGradientNorm());
	}

	private String runIdentity(int examples, int total) {
		return "loss=" + this.options.loss() + ",seed=" + this.options.seed() + ",examples=" + examples + ",steps="
				+ total + ",batchSize=" + this.options.batchSize() + ",negativesPerGroup="
				+ this.options.negativesPerGroup() + ",maxLength=" + this.options.maxLength()
				+ ((this.options.headLearningRate() != null) ? ",headLearningRate=" + this.options.headLearningRate()
						: "");
	}

	TrainingResult execute() {
		Path directory = this.options.checkpointDirectory();
		Path latest = (directory != null) ? TrainingCheckpoints.latest(directory) : null;
		TrainingCheckpoints.State state = (latest != null) ? TrainingCheckpoints.read(latest) : null;
		Map<String, Tensor> initial = this.start.weights();
		if (latest != null && state != null) {
			if (!state.run().equals(this.identity)) {
				throw new IllegalStateException("The checkpoint in " + latest + " belongs to another run ("
						+ state.run() + ", this one is " + this.identity
						+ "); point checkpointDirectory elsewhere or delete it to start afresh");
			}
			Map<String, Tensor> saved = TrainingCheckpoints.readTensors(latest.resolve(TrainingCheckpoints.WEIGHTS));
			initial = (saved != null) ? saved : initial;
			this.best = TrainingCheckpoints.readTensors(latest.resolve(TrainingCheckpoints.BEST));
			this.bestLoss = state.bestLoss();
			this.sinceBest = state.evaluationsWithoutImprovement();
			logger.info("Resuming from {} at update {}", latest, state.step());
		}
		TrainingOptions options = this.options;
		CrossEncoderBlock block = new CrossEncoderBlock(this.start.config(), options.dropout());
		block.load(this.manager, initial, options.seed());
		AdamW optimizer = new AdamW(this.manager, block.parametersByName(), options.weightDecay(),
				options.headRateScale());
		int step = 0;
		int firstEpoch = 0;
		int firstBatch = 0;
		if (latest != null && state != null) {
			optimizer.restore(TrainingCheckpoints.readList(this.manager, latest.resolve(TrainingCheckpoints.OPTIMIZER)),
					state.step());
			step = state.step();
			firstEpoch = state.epoch();
			firstBatch = state.batchInEpoch();
		}
		LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(),
				Math.round(this.total * options.warmupRatio()), this.total);
		ParameterStore store = new ParameterStore(this.manager, false);
		long began = System.nanoTime();
		boolean stoppedEarly = false;
		training: for (int epoch = firstEpoch; step < this.total; epoch++) {
			List<List<PairRef>> batches = this.plan.epoch(epoch, true);
			for (int index = (epoch == firstEpoch) ? firstBatch : 0; index < batches.size()
					&& step < this.total; index++) {
				step++;
				float rate = schedule.rate(step);
				double loss = update(block, store, optimizer, batches.get(index), rate);
				this.losses.add(loss);
				Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
				this.listener.onStep(new TrainingProgress(step, this.total, epoch, loss, rate, this.pairs, elapsed));
				boolean evaluate = this.heldOut != null && (step % options.evaluateEvery() == 0 || step == this.total);
				if (evaluate && evaluateAndStop(block, store, step)) {
					stoppedEarly = step < this.total;
				}
				boolean last = stoppedEarly || step == this.total;
				if (directory != null && (step % options.checkpointEvery() == 0 || last)) {
					int nextEpoch = (index + 1 < batches.size()) ? epoch : epoch + 1;
					int nextBatch = (index + 1 < batches.size()) ? index + 1 : 0;
					save(directory, block, optimizer, new TrainingCheckpoints.State(step, nextEpoch, nextBatch,
							this.bestLoss, this.sinceBest, this.identity));
				}
				if (stoppedEarly) {
					break training;
				}
			}
		}
		Map<String, Tensor> weights = (this.best != null) ? this.best : block.weights();
		return new TrainingResult(this.start, weights, step, this.losses, this.evaluations, stoppedEarly, this.pairs,
				Duration.ofNanos(System.nanoTime() - began), this.skipped);
	}

	private double update(CrossEncoderBlock block, ParameterStore store, AdamW optimizer, List<PairRef> batch,
			float rate) {
		try (NDManager scratch = this.manager.newSubManager()) {
			double loss;
			try (GradientCollector collector = this.engine.newGradientCollector()) {
				NDArray value = loss(block, store, scratch, batch, true);
				collector.backward(value);
				loss = value.getFloat();
			}
			if (!Double.isFinite(loss)) {
				throw new IllegalStateException("The training loss became " + loss + " at update "
						+ (optimizer.updates() + 1) + ": training diverged; lower learningRate (now "
						+ this.options.learningRate() + ") or maxGradientNorm");
			}
			List<String> nonFinite = this.clipping.clip(block.parametersByName(), scratch);
			if (!nonFinite.isEmpty()) {
				skip(block, scratch, nonFinite);
				return loss;
			}
			this.skippedInARow = 0;
			optimizer.step(rate);
			this.pairs += batch.size();
			return loss;
		}
	}

	/**
	 * Drops an update whose gradients are not finite; a run of them means training has
	 * diverged.
	 */
	private void skip(CrossEncoderBlock block, NDManager scratch, List<String> nonFinite) {
		GradientClipping.zero(block.parametersByName(), scratch);
		this.skipped++;
		this.skippedInARow++;
		logger.warn("Skipped update {}: the gradients of {} are not finite (the weights are unchanged)",
				this.losses.size() + 1, (nonFinite.size() > 3) ? nonFinite.subList(0, 3) + " and others" : nonFinite);
		if (this.skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
			throw new IllegalStateException("The gradients were not finite " + MAX_SKIPPED_IN_A_ROW
					+ " updates in a row: training diverged; lower learningRate (now " + this.options.learningRate()
					+ ") or maxGradientNorm");
		}
	}

	private NDArray loss(CrossEncoderBlock block, ParameterStore store, NDManager scratch, List<PairRef> batch,
			boolean training) {
		List<Encoding> encodings = new ArrayList<>(batch.size());
		float[] labels = new float[batch.size()];
		EncodedExamples examples = training ? this.plan.examples() : heldOutPlan().examples();
		for (int i = 0; i < batch.size(); i++) {
			encodings.add(examples.pair(batch.get(i)));
			labels[i] = batch.get(i).label();
		}
		PairBatch padded = PairTokenizer.pad(encodings);
		NDList inputs = padded.toInputs(scratch);
		NDArray logits = block.forward(store, inputs, training).singletonOrThrow();
		return this.options.loss().compute(logits, scratch.create(labels), this.plan.groupSize());
	}

	private BatchPlan heldOutPlan() {
		BatchPlan plan = this.heldOut;
		if (plan == null) {
			throw new IllegalStateException("no held-out slice");
		}
		return plan;
	}

	/** Evaluates on the held-out slice; true when patience has run out. */
	private boolean evaluateAndStop(CrossEncoderBlock block, ParameterStore store, int step) {
		double sum = 0;
		int count = 0;
		for (List<PairRef> batch : heldOutPlan().epoch(0, false)) {
			try (NDManager scratch = this.manager.newSubManager()) {
				sum += loss(block, store, scratch, batch, false).getFloat() * batch.size();
				count += batch.size();
			}
		}
		double loss = sum / count;
		this.evaluations.add(new Evaluation(step, loss));
		boolean improved = Double.isNaN(this.bestLoss) || loss < this.bestLoss;
		if (improved) {
			this.bestLoss = loss;
			this.sinceBest = 0;
			this.best = block.weights();
		}
		else {
			this.sinceBest++;
		}
		this.listener.onEvaluation(step, loss, improved);
		return this.sinceBest >= this.options.patience();
	}

	private void save(Path directory, CrossEncoderBlock block, AdamW optimizer, TrainingCheckpoints.State state) {
		Map<String, NDArray> weights = new java.util.LinkedHashMap<>();
		block.parametersByName().forEach((name, parameter) -> weights.put(name, parameter.getArray()));
		Path written = TrainingCheckpoints.write(directory, state, weights, optimizer.state(), this.best);
		this.listener.onCheckpoint(state.step(), written);
	}

}

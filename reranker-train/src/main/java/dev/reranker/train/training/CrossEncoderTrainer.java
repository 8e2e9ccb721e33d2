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
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.train.TrainingExample;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.Tensor;
import dev.reranker.train.model.CrossEncoderBlock;
import dev.reranker.train.model.PairBatch;
import dev.reranker.train.model.PairTokenizer;
import dev.reranker.train.training.EncodedExamples.PairRef;

/**
 * Fine-tunes a cross-encoder on DJL's PyTorch engine (CPU): {@link TrainingLoss BCE or
 * listwise} loss, AdamW with linear warm-up and decay, global gradient-norm clipping,
 * length-bucketed batches padded to their longest pair, a deterministic seed, periodic
 * checkpoints that a later run with the same settings resumes from, and early stopping on
 * the loss of held-out queries.
 */
public final class CrossEncoderTrainer {

	private static final Logger logger = LoggerFactory.getLogger(CrossEncoderTrainer.class);

	static final String ENGINE = "PyTorch";

	static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

	private final TrainingOptions options;

	private final TrainingListener listener;

	public CrossEncoderTrainer(TrainingOptions options, TrainingListener listener) {
		this.options = options;
		this.listener = listener;
	}

	/**
	 * Trains from a start checkpoint, resuming from the newest checkpoint in
	 * {@link TrainingOptions#checkpointDirectory()} when there is one.
	 * @param start the start checkpoint
	 * @param examples the training examples (a slice of their queries is held out when
	 * {@link TrainingOptions#heldOutFraction()} is set)
	 * @return the trained weights and the run's history
	 * @throws IllegalArgumentException when the examples do not suit the options
	 */
	public TrainingResult train(Checkpoint start, List<TrainingExample> examples) {
		validate(examples);
		HeldOutSplit split = HeldOutSplit.of(examples, this.options.heldOutFraction(), this.options.seed());
		Engine engine = Engine.getEngine(ENGINE);
		engine.setRandomSeed((int) this.options.seed());
		applyThreads();
		try (NDManager manager = engine.newBaseManager();
				PairTokenizer tokenizer = PairTokenizer.load(start.tokenizer(), this.options.maxLength())) {
			BatchPlan plan = plan(new EncodedExamples(split.training(), tokenizer));
			BatchPlan heldOut = split.heldOut().isEmpty() ? null
					: plan(new EncodedExamples(split.heldOut(), tokenizer));
			int perEpoch = plan.batchesPerEpoch();
			int total = this.options.epochs() * perEpoch;
			if (this.options.maxSteps() > 0) {
				total = Math.min(total, this.options.maxSteps());
			}
			Run run = new Run(engine, manager, start, plan, heldOut, total);
			return run.execute();
		}
	}

	private void applyThreads() {
		Integer threads = this.options.threads();
		if (threads == null) {
			return;
		}
		String configured = System.getProperty(THREADS_PROPERTY);
		if (configured != null) {
			logger.warn("threads={} is ignored: the system property {}={} decides PyTorch's thread pool", threads,
					THREADS_PROPERTY, configured);
		}
		else if (JniUtils.getNumThreads() != threads) {
			logger.info("Setting PyTorch's intra-op thread pool to {} threads (process-wide)", threads);
			JniUtils.setNumThreads(threads);
		}
	}

	private BatchPlan plan(EncodedExamples encoded) {
		return new BatchPlan(encoded, this.options.loss(), this.options.batchSize(), this.options.negativesPerGroup(),
				this.options.seed());
	}

	private void validate(List<TrainingExample> examples) {
		if (examples.isEmpty()) {
			throw new IllegalArgumentException("No training examples: give at least one query with a positive passage");
		}
		if (this.options.loss() == TrainingLoss.LISTWISE) {
			for (int i = 0; i < examples.size(); i++) {
				int negatives = examples.get(i).negatives().size();
				if (negatives < this.options.negativesPerGroup()) {
					throw new IllegalArgumentException("Example " + i + " (query '" + examples.get(i).query()
							+ "') has " + negatives + " negatives, but the listwise loss takes negativesPerGroup="
							+ this.options.negativesPerGroup() + " per group; lower negativesPerGroup, "
							+ "give or mine more negatives, or train with the BCE loss");
				}
			}
		}
		else if (examples.stream().allMatch((example) -> example.negatives().isEmpty())) {
			throw new IllegalArgumentException("The BCE loss needs negatives, and no example has any: "
					+ "give or mine negatives for the queries");
		}
	}

	private String runIdentity(int examples, int total) {
		return "loss=" + this.options.loss() + ",seed=" + this.options.seed() + ",examples=" + examples + ",steps="
				+ total + ",batchSize=" + this.options.batchSize() + ",negativesPerGroup="
				+ this.options.negativesPerGroup() + ",maxLength=" + this.options.maxLength();
	}

	/** One training run's state. */
	private final class Run {

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

		Run(Engine engine, NDManager manager, Checkpoint start, BatchPlan plan, @Nullable BatchPlan heldOut,
				int total) {
			this.engine = engine;
			this.manager = manager;
			this.start = start;
			this.plan = plan;
			this.heldOut = heldOut;
			this.total = total;
			this.identity = runIdentity(plan.examples().size(), total);
		}

		TrainingResult execute() {
			Path directory = CrossEncoderTrainer.this.options.checkpointDirectory();
			Path latest = (directory != null) ? TrainingCheckpoints.latest(directory) : null;
			TrainingCheckpoints.State state = (latest != null) ? TrainingCheckpoints.read(latest) : null;
			Map<String, Tensor> initial = this.start.weights();
			if (latest != null && state != null) {
				if (!state.run().equals(this.identity)) {
					throw new IllegalStateException("The checkpoint in " + latest + " belongs to another run ("
							+ state.run() + ", this one is " + this.identity
							+ "); point checkpointDirectory elsewhere or delete it to start afresh");
				}
				Map<String, Tensor> saved = TrainingCheckpoints
					.readTensors(latest.resolve(TrainingCheckpoints.WEIGHTS));
				initial = (saved != null) ? saved : initial;
				this.best = TrainingCheckpoints.readTensors(latest.resolve(TrainingCheckpoints.BEST));
				this.bestLoss = state.bestLoss();
				this.sinceBest = state.evaluationsWithoutImprovement();
				logger.info("Resuming from {} at update {}", latest, state.step());
			}
			TrainingOptions options = CrossEncoderTrainer.this.options;
			CrossEncoderBlock block = new CrossEncoderBlock(this.start.config(), options.dropout());
			block.load(this.manager, initial, options.seed());
			AdamW optimizer = new AdamW(this.manager, block.parametersByName(), options.weightDecay());
			int step = 0;
			int firstEpoch = 0;
			int firstBatch = 0;
			if (latest != null && state != null) {
				optimizer.restore(
						TrainingCheckpoints.readList(this.manager, latest.resolve(TrainingCheckpoints.OPTIMIZER)),
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
					CrossEncoderTrainer.this.listener
						.onStep(new TrainingProgress(step, this.total, epoch, loss, rate, this.pairs, elapsed));
					boolean evaluate = this.heldOut != null
							&& (step % options.evaluateEvery() == 0 || step == this.total);
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
			return new TrainingResult(this.start, weights, step, this.losses, this.evaluations, stoppedEarly,
					this.pairs, Duration.ofNanos(System.nanoTime() - began));
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
							+ CrossEncoderTrainer.this.options.learningRate() + ") or maxGradientNorm");
				}
				clipGradients(block, scratch);
				optimizer.step(rate);
				this.pairs += batch.size();
				return loss;
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
			return CrossEncoderTrainer.this.options.loss()
				.compute(logits, scratch.create(labels), this.plan.groupSize());
		}

		private BatchPlan heldOutPlan() {
			BatchPlan plan = this.heldOut;
			if (plan == null) {
				throw new IllegalStateException("no held-out slice");
			}
			return plan;
		}

		private void clipGradients(CrossEncoderBlock block, NDManager scratch) {
			List<NDArray> gradients = new ArrayList<>();
			double sumOfSquares = 0;
			for (Parameter parameter : block.parametersByName().values()) {
				NDArray gradient = parameter.getArray().getGradient();
				gradient.attach(scratch);
				sumOfSquares += gradient.square().sum().getFloat();
				gradients.add(gradient);
			}
			double norm = Math.sqrt(sumOfSquares);
			float limit = CrossEncoderTrainer.this.options.maxGradientNorm();
			if (norm > limit) {
				float scale = (float) (limit / (norm + 1e-6));
				gradients.forEach((gradient) -> gradient.muli(scale));
			}
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
			CrossEncoderTrainer.this.listener.onEvaluation(step, loss, improved);
			return this.sinceBest >= CrossEncoderTrainer.this.options.patience();
		}

		private void save(Path directory, CrossEncoderBlock block, AdamW optimizer, TrainingCheckpoints.State state) {
			Map<String, NDArray> weights = new java.util.LinkedHashMap<>();
			block.parametersByName().forEach((name, parameter) -> weights.put(name, parameter.getArray()));
			Path written = TrainingCheckpoints.write(directory, state, weights, optimizer.state(), this.best);
			CrossEncoderTrainer.this.listener.onCheckpoint(state.step(), written);
		}

	}

}

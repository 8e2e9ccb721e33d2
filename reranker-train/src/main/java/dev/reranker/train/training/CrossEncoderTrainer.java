package dev.reranker.train.training;

import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.train.TrainingExample;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.model.PairTokenizer;

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
			return new TrainingRun(this.options, this.listener, engine, manager, start, plan, heldOut, total).execute();
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

}

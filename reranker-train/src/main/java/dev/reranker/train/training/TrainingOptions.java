package dev.reranker.train.training;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How a cross-encoder is fine-tuned. Built with {@link #builder()}; the defaults are
 * those of BERT cross-encoder fine-tuning.
 *
 * @param loss pairwise BCE or listwise softmax
 * @param epochs passes over the training examples
 * @param batchSize pairs per update for {@link TrainingLoss#BCE}, groups for
 * {@link TrainingLoss#LISTWISE}
 * @param negativesPerGroup negatives in a listwise group (drawn anew each epoch from an
 * example's negatives)
 * @param learningRate the peak learning rate
 * @param warmupRatio the fraction of all updates spent warming up
 * @param weightDecay AdamW's decoupled weight decay
 * @param maxGradientNorm gradients are scaled down to this global L2 norm
 * @param maxLength tokens per pair (the passage is truncated)
 * @param dropout dropout rate in training
 * @param seed seeds the head, the shuffles and PyTorch
 * @param maxSteps stops after this many updates, or 0 for all epochs
 * @param heldOutFraction fraction of the queries held out for early stopping, or 0
 * @param evaluateEvery updates between held-out evaluations
 * @param patience evaluations without improvement before training stops
 * @param checkpointDirectory where checkpoints go, or {@code null} for none
 * @param checkpointEvery updates between checkpoints
 * @param threads PyTorch's intra-op threads (process-wide), or {@code null} for the
 * engine's default (all cores); on a machine whose cores are busy with other work, 1 is
 * often many times faster
 * @param headLearningRate the peak learning rate of the pooler and classifier, or
 * {@code null} for {@code learningRate}: a fresh head starts near zero, and AdamW moves a
 * weight by about the rate per update, so a short run needs a higher rate there
 */
public record TrainingOptions(TrainingLoss loss, int epochs, int batchSize, int negativesPerGroup, float learningRate,
		float warmupRatio, float weightDecay, float maxGradientNorm, int maxLength, float dropout, long seed,
		int maxSteps, float heldOutFraction, int evaluateEvery, int patience, @Nullable Path checkpointDirectory,
		int checkpointEvery, @Nullable Integer threads, @Nullable Float headLearningRate) {

	public TrainingOptions {
		Assert.notNull(loss, "loss must be set");
		Assert.isTrue(epochs >= 1, "epochs must be at least 1");
		Assert.isTrue(batchSize >= 1, "batchSize must be at least 1");
		Assert.isTrue(negativesPerGroup >= 1, "negativesPerGroup must be at least 1");
		Assert.isTrue(learningRate > 0, "learningRate must be positive");
		Assert.isTrue(warmupRatio >= 0 && warmupRatio < 1, "warmupRatio must be in [0, 1)");
		Assert.isTrue(weightDecay >= 0, "weightDecay must not be negative");
		Assert.isTrue(maxGradientNorm > 0, "maxGradientNorm must be positive");
		Assert.isTrue(maxLength >= 8, "maxLength must be at least 8 tokens");
		Assert.isTrue(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
		Assert.isTrue(maxSteps >= 0, "maxSteps must not be negative (0 means all epochs)");
		Assert.isTrue(heldOutFraction >= 0 && heldOutFraction < 1, "heldOutFraction must be in [0, 1)");
		Assert.isTrue(evaluateEvery >= 1, "evaluateEvery must be at least 1");
		Assert.isTrue(patience >= 1, "patience must be at least 1");
		Assert.isTrue(checkpointEvery >= 1, "checkpointEvery must be at least 1");
		Assert.isTrue(threads == null || threads >= 1, "threads must be at least 1");
		Assert.isTrue(headLearningRate == null || headLearningRate > 0, "headLearningRate must be positive");
	}

	/** The head's peak learning rate over the encoder's (1 unless set). */
	public float headRateScale() {
		return (this.headLearningRate != null) ? this.headLearningRate / this.learningRate : 1f;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Builder for {@link TrainingOptions}. */
	public static final class Builder {

		private TrainingLoss loss = TrainingLoss.LISTWISE;

		private int epochs = 1;

		private int batchSize = 8;

		private int negativesPerGroup = 4;

		private float learningRate = 2e-5f;

		private @Nullable Float headLearningRate;

		private float warmupRatio = 0.1f;

		private float weightDecay = 0.01f;

		private float maxGradientNorm = 1.0f;

		private int maxLength = 256;

		private float dropout = 0.1f;

		private long seed = 42;

		private int maxSteps;

		private float heldOutFraction;

		private int evaluateEvery = 100;

		private int patience = 3;

		private @Nullable Path checkpointDirectory;

		private int checkpointEvery = 500;

		private @Nullable Integer threads;

		private Builder() {
		}

		public Builder threads(@Nullable Integer threads) {
			this.threads = threads;
			return this;
		}

		public Builder loss(TrainingLoss loss) {
			this.loss = loss;
			return this;
		}

		public Builder epochs(int epochs) {
			this.epochs = epochs;
			return this;
		}

		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		public Builder negativesPerGroup(int negativesPerGroup) {
			this.negativesPerGroup = negativesPerGroup;
			return this;
		}

		public Builder learningRate(float learningRate) {
			this.learningRate = learningRate;
			return this;
		}

		public Builder warmupRatio(float warmupRatio) {
			this.warmupRatio = warmupRatio;
			return this;
		}

		public Builder weightDecay(float weightDecay) {
			this.weightDecay = weightDecay;
			return this;
		}

		public Builder maxGradientNorm(float maxGradientNorm) {
			this.maxGradientNorm = maxGradientNorm;
			return this;
		}

		public Builder maxLength(int maxLength) {
			this.maxLength = maxLength;
			return this;
		}

		public Builder dropout(float dropout) {
			this.dropout = dropout;
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Builder maxSteps(int maxSteps) {
			this.maxSteps = maxSteps;
			return this;
		}

		public Builder heldOutFraction(float heldOutFraction) {
			this.heldOutFraction = heldOutFraction;
			return this;
		}

		public Builder evaluateEvery(int evaluateEvery) {
			this.evaluateEvery = evaluateEvery;
			return this;
		}

		public Builder patience(int patience) {
			this.patience = patience;
			return this;
		}

		public Builder checkpointDirectory(@Nullable Path checkpointDirectory) {
			this.checkpointDirectory = checkpointDirectory;
			return this;
		}

		public Builder checkpointEvery(int checkpointEvery) {
			this.checkpointEvery = checkpointEvery;
			return this;
		}

		public Builder headLearningRate(@Nullable Float headLearningRate) {
			this.headLearningRate = headLearningRate;
			return this;
		}

		public TrainingOptions build() {
			return new TrainingOptions(this.loss, this.epochs, this.batchSize, this.negativesPerGroup,
					this.learningRate, this.warmupRatio, this.weightDecay, this.maxGradientNorm, this.maxLength,
					this.dropout, this.seed, this.maxSteps, this.heldOutFraction, this.evaluateEvery, this.patience,
					this.checkpointDirectory, this.checkpointEvery, this.threads, this.headLearningRate);
		}

	}

}

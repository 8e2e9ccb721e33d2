package dev.reranker.train.cli;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.train.training.TrainingLoss;
import dev.reranker.train.training.TrainingOptions;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the trainer's command line ({@code --train.*}). */
@ConfigurationProperties("train")
public class TrainProperties {

	/**
	 * Start checkpoint: a folder in Hugging Face layout (tokenizer.json, onnx/model.onnx
	 * or model.onnx, optional config.json), a plain BERT encoder or a one-logit
	 * cross-encoder.
	 */
	private @Nullable Path start;

	/** Folder the trained model is exported to. */
	private @Nullable Path output;

	/**
	 * Training pairs as JSON lines ({"query", "positive", "negatives"}); or use dataset.
	 */
	private @Nullable Path pairs;

	/** Dataset folder in BEIR layout; or use pairs. */
	private @Nullable Path dataset;

	/** Qrels file of the dataset to train on, relative to the dataset folder. */
	private String qrels = "qrels/train.tsv";

	/**
	 * File of (query, document) pairs never used as negatives, relative to the dataset
	 * folder.
	 */
	private @Nullable String exclude;

	/**
	 * Number of folds to split the dataset's queries into, or 0 to train on all of them.
	 */
	private int folds;

	/** Fold held out (not trained on) when folds is set, from 0. */
	private int fold;

	/** Seed of the fold split. */
	private long foldSeed = 42;

	/**
	 * Hard negatives per dataset query: the top-ranked documents of the mining stage that
	 * are not judged relevant; 0 for none.
	 */
	private int hardNegatives;

	/**
	 * First stage that mines hard negatives, as reranker-eval's eval.first-stages:
	 * 'dense' (all-MiniLM-L6-v2, in memory), 'keyword' (BM25 in PostgreSQL), 'hybrid'
	 * (pgvector and BM25, reciprocal rank fusion) or 'pgvector'. The PostgreSQL stages
	 * connect to spring.datasource.url.
	 */
	private String miningStage = "dense";

	/**
	 * PostgreSQL schema of the PostgreSQL mining stages' table (reranker-eval's
	 * eval.postgres.schema).
	 */
	private String postgresSchema = "public";

	/** First-stage candidates looked through for hard negatives. */
	private int miningDepth = 30;

	/** Random negatives per dataset query. */
	private int randomNegatives = 8;

	/** Whether a dataset document's text starts with its title. */
	private boolean includeTitle = true;

	/** Loss: listwise (one positive against k negatives) or bce (pairs). */
	private TrainingLoss loss = TrainingLoss.LISTWISE;

	/** Passes over the training examples. */
	private int epochs = 1;

	/** Pairs (bce) or groups (listwise) per update. */
	private int batchSize = 8;

	/** Negatives per listwise group. */
	private int negativesPerGroup = 4;

	/** Peak learning rate. */
	private float learningRate = 2e-5f;

	/** Fraction of the updates spent warming the learning rate up. */
	private float warmupRatio = 0.1f;

	/** AdamW's decoupled weight decay. */
	private float weightDecay = 0.01f;

	/** Global gradient norm gradients are clipped to. */
	private float maxGradientNorm = 1.0f;

	/** Tokens per pair; passages are truncated to fit. */
	private int maxLength = 256;

	/** Dropout rate in training. */
	private float dropout = 0.1f;

	/** Seed of the head, the shuffles and PyTorch. */
	private long seed = 42;

	/** Stop after this many updates, or 0 for all epochs. */
	private int maxSteps;

	/** Fraction of the training queries held out for early stopping, or 0. */
	private float heldOutFraction;

	/** Updates between held-out evaluations. */
	private int evaluateEvery = 100;

	/** Held-out evaluations without improvement before training stops. */
	private int patience = 3;

	/** Folder for checkpoints; a run with the same settings resumes from the newest. */
	private @Nullable Path checkpointDirectory;

	/** Updates between checkpoints. */
	private int checkpointEvery = 500;

	/** PyTorch intra-op threads, or unset for all cores. */
	private @Nullable Integer threads;

	/**
	 * Peak learning rate of the pooler and classifier (default: learning-rate); a fresh
	 * head learns faster with a higher one.
	 */
	private @Nullable Float headLearningRate;

	/** Training without judgments: queries written by a chat model. */
	private final GenerateProperties generate = new GenerateProperties();

	TrainingOptions options() {
		return TrainingOptions.builder()
			.loss(this.loss)
			.epochs(this.epochs)
			.batchSize(this.batchSize)
			.negativesPerGroup(this.negativesPerGroup)
			.learningRate(this.learningRate)
			.warmupRatio(this.warmupRatio)
			.weightDecay(this.weightDecay)
			.maxGradientNorm(this.maxGradientNorm)
			.maxLength(this.maxLength)
			.dropout(this.dropout)
			.seed(this.seed)
			.maxSteps(this.maxSteps)
			.heldOutFraction(this.heldOutFraction)
			.evaluateEvery(this.evaluateEvery)
			.patience(this.patience)
			.checkpointDirectory(this.checkpointDirectory)
			.checkpointEvery(this.checkpointEvery)
			.threads(this.threads)
			.headLearningRate(this.headLearningRate)
			.build();
	}

	BeirDatasetReader.Options datasetOptions() {
		return new BeirDatasetReader.Options(this.qrels, this.exclude);
	}

	public @Nullable Float getHeadLearningRate() {
		return this.headLearningRate;
	}

	public void setHeadLearningRate(@Nullable Float headLearningRate) {
		this.headLearningRate = headLearningRate;
	}

	public GenerateProperties getGenerate() {
		return this.generate;
	}

	public @Nullable Path getStart() {
		return this.start;
	}

	public void setStart(@Nullable Path start) {
		this.start = start;
	}

	public @Nullable Path getOutput() {
		return this.output;
	}

	public void setOutput(@Nullable Path output) {
		this.output = output;
	}

	public @Nullable Path getPairs() {
		return this.pairs;
	}

	public void setPairs(@Nullable Path pairs) {
		this.pairs = pairs;
	}

	public @Nullable Path getDataset() {
		return this.dataset;
	}

	public void setDataset(@Nullable Path dataset) {
		this.dataset = dataset;
	}

	public String getQrels() {
		return this.qrels;
	}

	public void setQrels(String qrels) {
		this.qrels = qrels;
	}

	public @Nullable String getExclude() {
		return this.exclude;
	}

	public void setExclude(@Nullable String exclude) {
		this.exclude = exclude;
	}

	public int getFolds() {
		return this.folds;
	}

	public void setFolds(int folds) {
		this.folds = folds;
	}

	public int getFold() {
		return this.fold;
	}

	public void setFold(int fold) {
		this.fold = fold;
	}

	public long getFoldSeed() {
		return this.foldSeed;
	}

	public void setFoldSeed(long foldSeed) {
		this.foldSeed = foldSeed;
	}

	public String getMiningStage() {
		return this.miningStage;
	}

	public void setMiningStage(String miningStage) {
		this.miningStage = miningStage;
	}

	public String getPostgresSchema() {
		return this.postgresSchema;
	}

	public void setPostgresSchema(String postgresSchema) {
		this.postgresSchema = postgresSchema;
	}

	public int getHardNegatives() {
		return this.hardNegatives;
	}

	public void setHardNegatives(int hardNegatives) {
		this.hardNegatives = hardNegatives;
	}

	public int getMiningDepth() {
		return this.miningDepth;
	}

	public void setMiningDepth(int miningDepth) {
		this.miningDepth = miningDepth;
	}

	public int getRandomNegatives() {
		return this.randomNegatives;
	}

	public void setRandomNegatives(int randomNegatives) {
		this.randomNegatives = randomNegatives;
	}

	public boolean isIncludeTitle() {
		return this.includeTitle;
	}

	public void setIncludeTitle(boolean includeTitle) {
		this.includeTitle = includeTitle;
	}

	public TrainingLoss getLoss() {
		return this.loss;
	}

	public void setLoss(TrainingLoss loss) {
		this.loss = loss;
	}

	public int getEpochs() {
		return this.epochs;
	}

	public void setEpochs(int epochs) {
		this.epochs = epochs;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int getNegativesPerGroup() {
		return this.negativesPerGroup;
	}

	public void setNegativesPerGroup(int negativesPerGroup) {
		this.negativesPerGroup = negativesPerGroup;
	}

	public float getLearningRate() {
		return this.learningRate;
	}

	public void setLearningRate(float learningRate) {
		this.learningRate = learningRate;
	}

	public float getWarmupRatio() {
		return this.warmupRatio;
	}

	public void setWarmupRatio(float warmupRatio) {
		this.warmupRatio = warmupRatio;
	}

	public float getWeightDecay() {
		return this.weightDecay;
	}

	public void setWeightDecay(float weightDecay) {
		this.weightDecay = weightDecay;
	}

	public float getMaxGradientNorm() {
		return this.maxGradientNorm;
	}

	public void setMaxGradientNorm(float maxGradientNorm) {
		this.maxGradientNorm = maxGradientNorm;
	}

	public int getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(int maxLength) {
		this.maxLength = maxLength;
	}

	public float getDropout() {
		return this.dropout;
	}

	public void setDropout(float dropout) {
		this.dropout = dropout;
	}

	public long getSeed() {
		return this.seed;
	}

	public void setSeed(long seed) {
		this.seed = seed;
	}

	public int getMaxSteps() {
		return this.maxSteps;
	}

	public void setMaxSteps(int maxSteps) {
		this.maxSteps = maxSteps;
	}

	public float getHeldOutFraction() {
		return this.heldOutFraction;
	}

	public void setHeldOutFraction(float heldOutFraction) {
		this.heldOutFraction = heldOutFraction;
	}

	public int getEvaluateEvery() {
		return this.evaluateEvery;
	}

	public void setEvaluateEvery(int evaluateEvery) {
		this.evaluateEvery = evaluateEvery;
	}

	public int getPatience() {
		return this.patience;
	}

	public void setPatience(int patience) {
		this.patience = patience;
	}

	public @Nullable Path getCheckpointDirectory() {
		return this.checkpointDirectory;
	}

	public void setCheckpointDirectory(@Nullable Path checkpointDirectory) {
		this.checkpointDirectory = checkpointDirectory;
	}

	public int getCheckpointEvery() {
		return this.checkpointEvery;
	}

	public void setCheckpointEvery(int checkpointEvery) {
		this.checkpointEvery = checkpointEvery;
	}

	public @Nullable Integer getThreads() {
		return this.threads;
	}

	public void setThreads(@Nullable Integer threads) {
		this.threads = threads;
	}

}

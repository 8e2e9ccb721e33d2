package dev.reranker.train.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.ChatModelContext;
import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.train.TrainingExample;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.data.BeirExamples;
import dev.reranker.train.data.JsonlExamples;
import dev.reranker.eval.dataset.QueryFolds;
import dev.reranker.train.data.TrainingDataException;
import dev.reranker.train.export.ModelExporter;
import dev.reranker.train.generate.GeneratedExamples;
import dev.reranker.train.generate.QueryGenerator;
import dev.reranker.train.training.CrossEncoderTrainer;
import dev.reranker.train.training.TrainingResult;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * The tool's one command: reads the start checkpoint and the training data, trains and
 * exports the model folder.
 */
class TrainCommand implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(TrainCommand.class);

	private final TrainProperties properties;

	private final Environment environment;

	TrainCommand(TrainProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		Path start = required(this.properties.getStart(), "--train.start=<checkpoint folder in Hugging Face layout>");
		Path output = required(this.properties.getOutput(), "--train.output=<folder to export the model to>");
		Checkpoint checkpoint = CheckpointReader.read(start);
		logger.info("Start checkpoint {}: {} layers, hidden {}, {}", start, checkpoint.config().layers(),
				checkpoint.config().hiddenSize(), checkpoint.hasHead() ? "a cross-encoder (its head is trained further)"
						: "an encoder (a fresh head is added)");
		List<TrainingExample> examples = examples(args.getSourceArgs());
		logger.info("{} training examples", examples.size());
		TrainingResult result;
		try (ProgressBarListener progress = new ProgressBarListener()) {
			result = new CrossEncoderTrainer(this.properties.options(), progress).train(checkpoint, examples);
		}
		ModelExporter.export(checkpoint, result.weights(), output);
		logger.info("Trained {} updates in {} s ({} pairs/s{}); exported to {} (point reranker.local.model at file:{})",
				result.steps(), result.elapsed().toSeconds(), String.format("%.1f", result.pairsPerSecond()),
				result.stoppedEarly() ? ", stopped early on the held-out loss" : "", output, output.toAbsolutePath());
		if (result.skippedUpdates() > 0) {
			logger.warn("{} updates were skipped because their gradients were not finite", result.skippedUpdates());
		}
	}

	private List<TrainingExample> examples(String[] args) {
		Path pairs = this.properties.getPairs();
		Path dataset = this.properties.getDataset();
		if ((pairs == null) == (dataset == null)) {
			throw new TrainingDataException("Give exactly one of --train.pairs=<JSONL file> and "
					+ "--train.dataset=<folder in BEIR layout>" + ((pairs != null) ? ", not both" : ""));
		}
		if (pairs != null) {
			return JsonlExamples.read(pairs);
		}
		if (this.properties.getGenerate().getPassages() > 0) {
			return generated(required(dataset, "--train.dataset"), args);
		}
		BeirDataset read = BeirDatasetReader.read(required(dataset, "--train.dataset"),
				this.properties.datasetOptions());
		Set<String> queryIds = null;
		if (this.properties.getFolds() > 0) {
			QueryFolds folds = QueryFolds.of(read, this.properties.getFolds(), this.properties.getFoldSeed());
			try {
				folds.requireFold(this.properties.getFold(), "--train.fold");
			}
			catch (IllegalArgumentException ex) {
				throw new TrainingDataException(String.valueOf(ex.getMessage()), ex);
			}
			queryIds = folds.training(this.properties.getFold());
			logger.info("Fold {} of {}: training on {} queries, {} held out", this.properties.getFold(),
					this.properties.getFolds(), queryIds.size(), folds.heldOut(this.properties.getFold()).size());
		}
		int hard = this.properties.getHardNegatives();
		FirstStage miner = (hard > 0) ? MiningStage.index(this.properties.getMiningStage(), read,
				this.properties.isIncludeTitle(), this.properties.getPostgresSchema(), this.environment) : null;
		return BeirExamples.build(read,
				new BeirExamples.Options(hard, Math.max(hard, this.properties.getMiningDepth()),
						this.properties.getRandomNegatives(), this.properties.isIncludeTitle(),
						this.properties.getSeed(), queryIds),
				miner);
	}

	/** Examples from queries a chat model writes for the corpus's passages. */
	private List<TrainingExample> generated(Path dataset, String[] args) {
		GenerateProperties generate = this.properties.getGenerate();
		BeirDataset corpus = BeirDatasetReader.readCorpus(dataset);
		FirstStage stage = MiningStage.index(this.properties.getMiningStage(), corpus, this.properties.isIncludeTitle(),
				this.properties.getPostgresSchema(), this.environment);
		int hard = this.properties.getHardNegatives();
		GeneratedExamples.Options options = new GeneratedExamples.Options(generate.getPassages(), generate.getKeepTop(),
				hard, Math.max(hard, this.properties.getMiningDepth()), this.properties.getRandomNegatives(),
				this.properties.isIncludeTitle(), this.properties.getSeed(), generate.getConcurrency());
		GeneratedExamples.Result result;
		try (ChatModelContext chat = ChatModelContext.start(args, "train.generate.passages")) {
			QueryGenerator generator = new QueryGenerator(chat.model(), generate.getPrompt(),
					generate.getQueriesPerPassage());
			result = GeneratedExamples.build(corpus, generator, stage, options, (done, total, kept) -> {
				if (done % 50 == 0 || done == total) {
					logger.info("Generated queries for {} of {} passages, {} kept", done, total, kept);
				}
			});
		}
		Path output = generate.getOutput();
		if (output != null) {
			JsonlExamples.write(output, result.examples());
			logger.info("Wrote the {} generated examples to {}", result.examples().size(), output);
		}
		return result.examples();
	}

	private static <T> T required(@Nullable T value, String flag) {
		if (value == null) {
			throw new TrainingDataException("Missing " + flag);
		}
		return value;
	}

}

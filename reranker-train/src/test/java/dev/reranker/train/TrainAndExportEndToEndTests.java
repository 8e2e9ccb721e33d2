package dev.reranker.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.local.HuggingFaceHub;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelLocation;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.export.ModelExporter;
import dev.reranker.train.model.PairBatch;
import dev.reranker.train.model.PairTokenizer;
import dev.reranker.train.training.CrossEncoderTrainer;
import dev.reranker.train.training.TrainingListener;
import dev.reranker.train.training.TrainingLoss;
import dev.reranker.train.training.TrainingOptions;
import dev.reranker.train.training.TrainingProgress;
import dev.reranker.train.training.TrainingResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole path on the tiny random BERT fixture: 40 listwise updates on six queries, the
 * loss goes down, the export loads in the local provider from a {@code file:} location,
 * and its scores are the trainer's own.
 */
class TrainAndExportEndToEndTests {

	@TempDir
	Path temp;

	@Test
	void trainsExportsAndTheLocalProviderScoresAsTheTrainer() {
		Checkpoint start = CheckpointReader.read(StartCheckpoints.tinyBert());
		List<TrainingProgress> progress = new ArrayList<>();
		TrainingResult result = new CrossEncoderTrainer(TrainingOptions.builder()
			.loss(TrainingLoss.LISTWISE)
			.negativesPerGroup(3)
			.batchSize(3)
			.epochs(100)
			.maxSteps(40)
			.learningRate(3e-3f)
			.dropout(0)
			.maxLength(64)
			.seed(11)
			.checkpointDirectory(this.temp.resolve("checkpoints"))
			.checkpointEvery(10)
			.build(), new TrainingListener() {
				@Override
				public void onStep(TrainingProgress step) {
					progress.add(step);
				}
			}).train(start, TinyCorpus.examples());

		assertThat(result.steps()).isEqualTo(40);
		assertThat(progress).hasSize(40);
		assertThat(progress.get(39).pairs()).isEqualTo(40L * 3 * 4);
		double first = result.losses().subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double last = result.losses().subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		assertThat(last).as("mean loss of the last 5 updates").isLessThan(first * 0.5);

		Path exported = ModelExporter.export(start, result.weights(), this.temp.resolve("model"));
		List<String> passages = TinyCorpus.QUERIES_AND_ANSWERS.stream().map((pair) -> pair[1]).toList();
		HuggingFaceHub hub = new HuggingFaceHub(HuggingFaceHub.DEFAULT_URL, "main", null, this.temp.resolve("hub"),
				true, Duration.ofSeconds(1));
		try (LocalRerankModel local = LocalRerankModel.builder()
			.files(LocalModelLocation.resolve("file:" + exported, null, LocalEngine.ONNX_RUNTIME, hub, null,
					this.temp.resolve("cache")))
			.maxLength(64)
			.build(); PairTokenizer tokenizer = PairTokenizer.load(exported.resolve("tokenizer.json"), 64)) {
			for (String[] pair : TinyCorpus.QUERIES_AND_ANSWERS) {
				RerankResponse response = local.call(new RerankRequest(pair[0], passages));
				PairBatch batch = PairTokenizer
					.pad(passages.stream().map((passage) -> tokenizer.encode(pair[0], passage)).toList());
				float[] logits = ForwardPass.logits(start.config(), result.weights(), batch);
				for (int i = 0; i < passages.size(); i++) {
					assertThat(response.getResults().get(i).score()).as("score of passage " + i + " for " + pair[0])
						.isCloseTo(1 / (1 + Math.exp(-logits[i])), within(1e-4));
				}
			}
		}
	}

}

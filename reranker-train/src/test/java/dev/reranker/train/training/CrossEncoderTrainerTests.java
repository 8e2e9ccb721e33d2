package dev.reranker.train.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.TinyCorpus;
import dev.reranker.train.TrainingExample;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.checkpoint.Tensor;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Training the tiny random BERT fixture with a fresh head, a few updates each. */
class CrossEncoderTrainerTests {

	static Checkpoint start;

	@TempDir
	Path temp;

	@BeforeAll
	static void read() {
		start = CheckpointReader.read(StartCheckpoints.tinyBert());
	}

	@Test
	void listwiseLossGoesDown() {
		TrainingResult result = new CrossEncoderTrainer(options().maxSteps(60).build(), TrainingListener.NONE)
			.train(start, TinyCorpus.examples());
		assertThat(result.steps()).isEqualTo(60);
		assertThat(mean(result.losses().subList(55, 60))).isLessThan(mean(result.losses().subList(0, 5)) * 0.6);
		assertThat(result.pairsPerSecond()).isPositive();
	}

	@Test
	void bceLossGoesDown() {
		TrainingResult result = new CrossEncoderTrainer(
				options().loss(TrainingLoss.BCE).batchSize(12).maxSteps(60).build(), TrainingListener.NONE)
			.train(start, TinyCorpus.examples());
		assertThat(mean(result.losses().subList(55, 60))).isLessThan(mean(result.losses().subList(0, 5)) * 0.8);
	}

	@Test
	void aRunResumedFromACheckpointEndsWhereTheUninterruptedRunEnds() throws IOException {
		Path interrupted = this.temp.resolve("interrupted");
		// Dropout off: its random masks are not part of a checkpoint.
		TrainingOptions.Builder options = options().dropout(0).maxSteps(6).checkpointEvery(3);
		TrainingResult uninterrupted = new CrossEncoderTrainer(
				options.checkpointDirectory(this.temp.resolve("uninterrupted")).build(), new TrainingListener() {
					@Override
					public void onCheckpoint(int step, Path directory) {
						if (step == 3) {
							copy(directory, interrupted.resolve(directory.getFileName()));
						}
					}
				})
			.train(start, TinyCorpus.examples());
		TrainingResult resumed = new CrossEncoderTrainer(options.checkpointDirectory(interrupted).build(),
				TrainingListener.NONE)
			.train(start, TinyCorpus.examples());
		assertThat(resumed.steps()).isEqualTo(6);
		assertThat(resumed.losses()).hasSize(3);
		assertThat(resumed.losses().get(2)).isCloseTo(uninterrupted.losses().get(5),
				org.assertj.core.api.Assertions.within(1e-4));
		assertClose(resumed.weights(), uninterrupted.weights(), "classifier.weight");
		assertClose(resumed.weights(), uninterrupted.weights(), "encoder.layer.1.output.dense.weight");
	}

	@Test
	void heldOutLossStopsTheRunOnceItStopsImproving() {
		TrainingResult result = new CrossEncoderTrainer(
				options().maxSteps(200).heldOutFraction(0.34f).evaluateEvery(4).patience(2).build(),
				TrainingListener.NONE)
			.train(start, TinyCorpus.examples());
		assertThat(result.stoppedEarly()).isTrue();
		assertThat(result.steps()).isLessThan(200);
		List<Evaluation> evaluations = result.evaluations();
		Evaluation best = evaluations.stream()
			.min(java.util.Comparator.comparingDouble(Evaluation::loss))
			.orElseThrow();
		assertThat(evaluations.indexOf(best)).as("the best evaluation is the patience-th before the last")
			.isEqualTo(evaluations.size() - 3);
		assertThat(result.steps()).isEqualTo(evaluations.get(evaluations.size() - 1).step());
	}

	@Test
	void listwiseLossRefusesAnExampleWithTooFewNegatives() {
		List<TrainingExample> examples = List.of(new TrainingExample("q", "answer", List.of("one negative")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CrossEncoderTrainer(options().build(), TrainingListener.NONE).train(start, examples))
			.withMessageContaining("Example 0 (query 'q') has 1 negatives")
			.withMessageContaining("negativesPerGroup=3");
	}

	static TrainingOptions.Builder options() {
		return TrainingOptions.builder()
			.loss(TrainingLoss.LISTWISE)
			.negativesPerGroup(3)
			.batchSize(3)
			.epochs(100)
			.maxSteps(30)
			.learningRate(3e-3f)
			.warmupRatio(0.1f)
			.maxLength(64)
			.seed(7);
	}

	private static double mean(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

	private static void assertClose(Map<String, Tensor> actual, Map<String, Tensor> expected, String name) {
		float[] a = actual.get(name).values();
		float[] e = expected.get(name).values();
		float worst = 0;
		for (int i = 0; i < a.length; i++) {
			worst = Math.max(worst, Math.abs(a[i] - e[i]));
		}
		assertThat(worst).as(name).isLessThan(1e-5f);
	}

	private static void copy(Path from, Path to) {
		try {
			Files.createDirectories(to.getParent());
			FileSystemUtils.copyRecursively(from, to);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

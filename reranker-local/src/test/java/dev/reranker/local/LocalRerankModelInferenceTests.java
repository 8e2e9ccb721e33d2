package dev.reranker.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.TinyCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Token-budget batches, parallel sessions and the optimized-graph cache change how the
 * work is run, never the scores.
 */
class LocalRerankModelInferenceTests {

	static final String QUERY = LocalRerankModelTests.QUERY;

	@TempDir
	Path temp;

	static List<String> mixedLengths() {
		List<String> documents = new ArrayList<>(LocalRerankModelTests.DOCUMENTS);
		for (int i = 1; i <= 12; i++) {
			documents.add("solar " + "panel efficiency ".repeat(i * 3) + "grid");
		}
		documents.add("efficiency");
		return documents;
	}

	LocalRerankModel.Builder tiny(Path directory) {
		return LocalRerankModel.builder().files(LocalModelFiles.inDirectory(directory, null, LocalEngine.ONNX_RUNTIME));
	}

	@Test
	void tokenBudgetBatchesOnParallelSessionsGiveTheScoresOfOnePairAtATime() {
		Path directory = TinyCrossEncoder.write(this.temp.resolve("tiny"));
		List<String> documents = mixedLengths();
		try (LocalRerankModel single = tiny(directory).batchSize(1).sessions(1).intraOpThreads(1).build();
				LocalRerankModel parallel = tiny(directory).batchSize(64).batchTokens(96).sessions(3).build()) {
			assertThat(parallel.getSessions()).isEqualTo(3);
			List<Double> expected = single.score(QUERY, documents);
			List<Double> actual = parallel.score(QUERY, documents);
			for (int i = 0; i < documents.size(); i++) {
				assertThat(actual.get(i)).as("document %d", i).isCloseTo(expected.get(i), within(1e-6));
			}
		}
	}

	@Test
	void defaultsToOneSingleThreadedSessionPerCore() {
		Path directory = TinyCrossEncoder.write(this.temp.resolve("tiny"));
		try (LocalRerankModel model = tiny(directory).build()) {
			assertThat(model.getSessions()).isEqualTo(Runtime.getRuntime().availableProcessors());
			assertThat(model.getBatchTokens()).isEqualTo(LocalRerankModel.DEFAULT_BATCH_TOKENS);
		}
		InferenceSettings settings = new InferenceSettings(4, 1024, null, null, OnnxSessionSettings.DEFAULTS);
		assertThat(settings.resolvedSessions(8)).isEqualTo(8);
		assertThat(settings.resolvedIntraOpThreads(8)).isEqualTo(1);
		InferenceSettings threaded = new InferenceSettings(4, 1024, null, 4, OnnxSessionSettings.DEFAULTS);
		assertThat(threaded.resolvedSessions(8)).isEqualTo(2);
		InferenceSettings oneSession = new InferenceSettings(4, 1024, 1, null, OnnxSessionSettings.DEFAULTS);
		assertThat(oneSession.resolvedIntraOpThreads(8)).isEqualTo(8);
	}

	@Test
	void eightConcurrentCallersShareTheSessionsAndGetTheSequentialScores() throws Exception {
		Path directory = TinyCrossEncoder.write(this.temp.resolve("tiny"));
		List<String> documents = mixedLengths();
		try (LocalRerankModel model = tiny(directory).sessions(2).batchTokens(128).build()) {
			List<Double> expected = model.score(QUERY, documents);
			ExecutorService callers = Executors.newFixedThreadPool(8);
			try {
				List<Callable<List<Double>>> calls = new ArrayList<>();
				for (int i = 0; i < 32; i++) {
					calls.add(() -> model.score(QUERY, documents));
				}
				for (Future<List<Double>> result : callers.invokeAll(calls)) {
					assertThat(result.get()).isEqualTo(expected);
				}
			}
			finally {
				callers.shutdownNow();
			}
		}
	}

	static final OnnxSessionSettings CACHED = OnnxSessionSettings.DEFAULTS.withCacheOptimizedModel(true);

	@Test
	void optimizedGraphIsCachedBesideTheModelAndReusedOnTheNextStart() throws IOException {
		Path directory = TinyCrossEncoder.write(this.temp.resolve("tiny"));
		List<String> documents = mixedLengths();
		List<Double> first;
		try (LocalRerankModel model = tiny(directory).onnxSessionSettings(CACHED).build()) {
			first = model.score(QUERY, documents);
		}
		List<Path> cached = optimizedGraphs(directory);
		assertThat(cached).hasSize(1);
		assertThat(cached.get(0).getFileName().toString()).startsWith("model.onnx.optimized-all-ort")
			.doesNotEndWith(".onnx");
		long written = Files.getLastModifiedTime(cached.get(0)).toMillis();

		Path modelFile = directory.resolve("model.onnx");
		OptimizedModelCache.Plan plan = OptimizedModelCache.plan(modelFile, CACHED,
				ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
		assertThat(plan.load()).isEqualTo(cached.get(0));
		assertThat(plan.writeTo()).isNull();
		try (LocalRerankModel restarted = tiny(directory).onnxSessionSettings(CACHED).build()) {
			List<Double> again = restarted.score(QUERY, documents);
			for (int i = 0; i < documents.size(); i++) {
				assertThat(again.get(i)).isCloseTo(first.get(i), within(1e-6));
			}
		}
		assertThat(optimizedGraphs(directory)).containsExactlyElementsOf(cached);
		assertThat(Files.getLastModifiedTime(cached.get(0)).toMillis()).isEqualTo(written);
	}

	@Test
	void changedModelInvalidatesTheCachedGraph() throws IOException {
		Path directory = TinyCrossEncoder.write(this.temp.resolve("tiny"));
		try (LocalRerankModel model = tiny(directory).onnxSessionSettings(CACHED).build()) {
			assertThat(model.score(QUERY, List.of("solar"))).hasSize(1);
		}
		List<Path> before = optimizedGraphs(directory);
		assertThat(before).hasSize(1);
		// the two-logit variant is another graph under the same file name
		Path other = TinyCrossEncoder.write(this.temp.resolve("other"), TinyCrossEncoder.Variant.TWO_LOGITS);
		Files.copy(other.resolve("model.onnx"), directory.resolve("model.onnx"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		try (LocalRerankModel changed = tiny(directory).onnxSessionSettings(CACHED).build()) {
			assertThat(changed.score(QUERY, List.of("solar"))).hasSize(1);
		}

		List<Path> after = optimizedGraphs(directory);
		assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
	}

	@Test
	void byDefaultNothingIsWrittenBesideTheModel() throws IOException {
		Path directory = TinyCrossEncoder.write(this.temp.resolve("tiny"));
		try (LocalRerankModel model = tiny(directory).build()) {
			assertThat(model.score(QUERY, List.of("solar"))).hasSize(1);
		}
		assertThat(optimizedGraphs(directory)).isEmpty();
	}

	static List<Path> optimizedGraphs(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().contains(".optimized-")).sorted().toList();
		}
	}

}

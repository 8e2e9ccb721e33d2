package dev.reranker.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.huggingface.tokenizers.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankException;
import dev.reranker.RerankRequest;
import dev.reranker.testfixtures.TinyCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LocalRerankModelTests {

	static final String QUERY = "solar panel efficiency";

	static final List<String> DOCUMENTS = List.of("Pasta recipes for a quick dinner with tomatoes and basil.",
			"Solar panel efficiency depends on the cell material; panel efficiency is measured in the lab.",
			"Solar energy is popular in sunny countries.", "Wind turbines and solar farms feed the grid.");

	@TempDir
	static Path temp;

	static Path tinyDir;

	static LocalRerankModel model;

	@BeforeAll
	static void load() {
		tinyDir = TinyCrossEncoder.write(temp.resolve("tiny"));
		model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(tinyDir, null, LocalEngine.ONNX_RUNTIME))
			.batchSize(2)
			.build();
	}

	@AfterAll
	static void close() {
		model.close();
	}

	@Test
	void ranksDocumentsByQueryOverlapAsTheFixtureDefines() {
		List<Double> scores = model.score(QUERY, DOCUMENTS);

		assertThat(scores.get(1)).isGreaterThan(scores.get(2));
		assertThat(scores.get(2)).isGreaterThan(scores.get(3));
		assertThat(scores.get(3)).isGreaterThan(scores.get(0));
		for (int i = 0; i < DOCUMENTS.size(); i++) {
			Encoding encoding = model.encode(QUERY, DOCUMENTS.get(i));
			double expected = 1.0 / (1.0 + Math.exp(-TinyCrossEncoder.referenceLogit(encoding.getIds(),
					encoding.getTypeIds(), encoding.getAttentionMask())));
			assertThat(scores.get(i)).as("document %d", i).isCloseTo(expected, within(1e-5));
		}
	}

	@Test
	void encodesPairsWithTokenTypesQueryFirst() {
		Encoding encoding = model.encode(QUERY, "solar energy");

		assertThat(encoding.getTokens()).containsExactly("[CLS]", "solar", "panel", "efficiency", "[SEP]", "solar",
				"energy", "[SEP]");
		assertThat(encoding.getTypeIds()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
	}

	@Test
	void truncatesTheDocumentNeverTheQuery() throws Exception {
		String query = "how do photovoltaic cells convert sunlight into electricity at night";
		String longDocument = "cells ".repeat(2000);
		try (LocalRerankModel short32 = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(tinyDir, null, LocalEngine.ONNX_RUNTIME))
			.maxLength(32)
			.build()) {
			Encoding encoding = short32.encode(query, longDocument);
			Encoding queryAlone = short32.encode(query, "x");

			assertThat(encoding.getIds()).hasSize(32);
			long queryTokens = Arrays.stream(encoding.getTypeIds()).filter((t) -> t == 0).count();
			long expectedQueryTokens = Arrays.stream(queryAlone.getTypeIds()).filter((t) -> t == 0).count();
			assertThat(queryTokens).isEqualTo(expectedQueryTokens);
			assertThat(Arrays.copyOf(encoding.getIds(), (int) queryTokens))
				.containsExactly(Arrays.copyOf(queryAlone.getIds(), (int) queryTokens));
			assertThat(short32.score(query, List.of(longDocument)).get(0)).isBetween(0.0, 1.0);
		}
	}

	@Test
	void failsTheCallWhenTheQueryAloneExceedsMaxLength() {
		try (LocalRerankModel short16 = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(tinyDir, null, LocalEngine.ONNX_RUNTIME))
			.maxLength(16)
			.build()) {
			String longQuery = "solar panel efficiency ".repeat(10);
			assertThatThrownBy(() -> short16.score(longQuery, List.of("solar"))).isInstanceOf(RerankException.class)
				.hasMessageContaining("never truncated")
				.hasMessageContaining("LocalRerankModel.Builder#maxLength=16");
		}
	}

	@Test
	void scoresDoNotDependOnBatchingOrPadding() {
		List<String> mixed = new ArrayList<>(DOCUMENTS);
		mixed.add("solar " + "panel ".repeat(60));
		mixed.add("efficiency");
		try (LocalRerankModel oneByOne = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(tinyDir, null, LocalEngine.ONNX_RUNTIME))
			.batchSize(1)
			.build()) {
			List<Double> single = oneByOne.score(QUERY, mixed);
			List<Double> batched = model.score(QUERY, mixed);
			for (int i = 0; i < mixed.size(); i++) {
				assertThat(batched.get(i)).isCloseTo(single.get(i), within(1e-6));
			}
		}
	}

	@Test
	void twoLogitModelScoresWithSoftmaxOfThePositiveClass() {
		Path twoLogits = TinyCrossEncoder.write(temp.resolve("two-logits"), TinyCrossEncoder.Variant.TWO_LOGITS);
		try (LocalRerankModel softmax = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(twoLogits, null, LocalEngine.ONNX_RUNTIME))
			.build()) {
			List<Double> expected = model.score(QUERY, DOCUMENTS);
			List<Double> actual = softmax.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				assertThat(actual.get(i)).isCloseTo(expected.get(i), within(1e-6));
			}
		}
	}

	@Test
	void activationOverrideApplies() {
		try (LocalRerankModel none = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(tinyDir, null, LocalEngine.ONNX_RUNTIME))
			.activation(Activation.NONE)
			.build()) {
			// the fixture's raw logits are negative for unrelated documents: 'none'
			// yields a score outside [0, 1]
			assertThatThrownBy(() -> none.score(QUERY, DOCUMENTS)).isInstanceOf(RerankException.class)
				.hasMessageContaining("is not a number in [0, 1]")
				.hasMessageContaining("LocalRerankModel.Builder#activation");
		}
	}

	@Test
	void concurrentCallersGetExactlyTheSequentialScores() throws Exception {
		List<List<String>> requests = new ArrayList<>();
		for (int r = 0; r < 8; r++) {
			List<String> documents = new ArrayList<>(DOCUMENTS);
			documents.add("solar ".repeat(r + 1) + "panel document number " + r);
			requests.add(documents);
		}
		List<List<Double>> sequential = new ArrayList<>();
		for (List<String> documents : requests) {
			sequential.add(model.score(QUERY, documents));
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 5; round++) {
				List<Future<List<Double>>> futures = new ArrayList<>();
				for (List<String> documents : requests) {
					Callable<List<Double>> call = () -> model.score(QUERY, documents);
					futures.add(pool.submit(call));
				}
				for (int r = 0; r < requests.size(); r++) {
					assertThat(futures.get(r).get()).isEqualTo(sequential.get(r));
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void megabyteDocumentIsTruncatedNotLoadedWhole() {
		String megabyte = "solar panel efficiency report ".repeat(40_000);
		assertThat(megabyte.length()).isGreaterThan(1_000_000);

		List<Double> scores = model.score(QUERY, List.of(megabyte, "pasta"));

		assertThat(model.encode(QUERY, megabyte).getIds()).hasSize(model.getMaxLength());
		assertThat(scores.get(0)).isGreaterThan(scores.get(1));
	}

	@Test
	void loadsAGraphWhoseWeightsAreInAnExternalDataFileBesideIt() {
		Path dir = TinyCrossEncoder.writeWithExternalData(temp.resolve("external"), "onnx/model.onnx",
				"model.onnx.data");
		assertThat(dir.resolve("onnx/model.onnx").toFile().length()).isLessThan(4096);
		try (LocalRerankModel external = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.batchSize(2)
			.build()) {
			List<Double> scores = external.score(QUERY, DOCUMENTS);
			List<Double> inline = model.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				assertThat(scores.get(i)).isCloseTo(inline.get(i), within(1e-6));
			}
		}
	}

	@Test
	void emptyRequestNeedsNoInference() {
		assertThat(model.call(new RerankRequest(QUERY, List.of())).getResults()).isEmpty();
	}

	@Test
	void defaultMaxLengthIsTheModelsLimitFromConfig() {
		assertThat(model.getMaxLength()).isEqualTo(TinyCrossEncoder.MAX_POSITIONS);
	}

	@Test
	void nativeMemoryStaysFlatOverAThousandCalls() throws Exception {
		List<String> documents = List.of("solar panel", "efficiency of solar panel arrays in winter", "pasta");
		for (int i = 0; i < 200; i++) {
			model.score(QUERY, documents);
		}
		System.gc();
		long before = residentKiB();
		for (int i = 0; i < 1000; i++) {
			model.score(QUERY, documents);
		}
		System.gc();
		long after = residentKiB();
		assertThat(after - before).as("RSS growth in KiB over 1,000 calls").isLessThan(32 * 1024);
	}

	static long residentKiB() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("no VmRSS");
	}

}

package dev.reranker.train.export;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.local.HuggingFaceHub;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelLocation;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.train.ForwardPass;
import dev.reranker.train.OnnxRuntimeReference;
import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.checkpoint.Tensor;
import dev.reranker.train.model.PairBatch;
import dev.reranker.train.model.PairTokenizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported folder scores as the trainer's forward pass does, through ONNX Runtime and
 * through the local provider loading it from a {@code file:} location.
 */
class ModelExporterTests {

	@TempDir
	Path temp;

	@Test
	void plainEncoderExportsWithItsNewHeadAndScoresAsTheForwardPass() throws Exception {
		Checkpoint start = CheckpointReader.read(StartCheckpoints.allMiniLmL6V2());
		Map<String, Tensor> weights = ForwardPass.withFreshHead(start.config(), start.weights(), 7L);
		Path exported = ModelExporter.export(start, weights, this.temp.resolve("exported"));
		assertScoresMatch(start, weights, exported);
		JsonNode config = JsonMapper.builder().build().readTree(exported.resolve("config.json").toFile());
		assertThat(config.get("num_labels").asInt()).isEqualTo(1);
		assertThat(config.get("id2label").get("0").asString()).isEqualTo("LABEL_0");
		assertThat(config.get("num_attention_heads").asInt()).isEqualTo(12);
	}

	@Test
	void crossEncoderExportsIntoItsOwnHeadAndScoresAsTheForwardPass() throws Exception {
		Path dir = this.temp.resolve("cross-encoder");
		MiniLmCrossEncoder.write(dir, MiniLmCrossEncoder.Precision.FP32);
		Checkpoint start = CheckpointReader.read(dir);
		Map<String, Tensor> weights = new java.util.HashMap<>(start.weights());
		// Stands in for training: a different classifier must reach the exported graph.
		float[] classifier = weights.get("classifier.weight").values().clone();
		for (int i = 0; i < classifier.length; i++) {
			classifier[i] = -classifier[i] * 0.5f;
		}
		weights.put("classifier.weight", new Tensor(new long[] { 1, classifier.length }, classifier));
		Path exported = ModelExporter.export(start, weights, this.temp.resolve("exported"));
		assertScoresMatch(start, weights, exported);
		assertThat(Files.size(exported.resolve(ModelExporter.GRAPH)))
			.isEqualTo(Files.size(dir.resolve("onnx/model.onnx")));
	}

	private void assertScoresMatch(Checkpoint start, Map<String, Tensor> weights, Path exported) throws Exception {
		PairBatch batch;
		try (PairTokenizer tokenizer = PairTokenizer.load(exported.resolve("tokenizer.json"), 128)) {
			batch = PairTokenizer.pad(
					ForwardPass.MIXED_LENGTH_PAIRS.stream().map((pair) -> tokenizer.encode(pair[0], pair[1])).toList());
		}
		float[] expected = ForwardPass.logits(start.config(), weights, batch);
		try (OnnxRuntimeReference onnx = new OnnxRuntimeReference(exported.resolve(ModelExporter.GRAPH))) {
			assertClose(onnx.run(batch, ModelExporter.LOGITS), expected);
		}
		HuggingFaceHub hub = new HuggingFaceHub(HuggingFaceHub.DEFAULT_URL, "main", null, this.temp.resolve("hub"),
				true, Duration.ofSeconds(1));
		try (LocalRerankModel local = LocalRerankModel.builder()
			.files(LocalModelLocation.resolve("file:" + exported, null, LocalEngine.ONNX_RUNTIME, hub, null,
					this.temp.resolve("cache")))
			.maxLength(128)
			.batchSize(3)
			.build()) {
			for (int i = 0; i < ForwardPass.MIXED_LENGTH_PAIRS.size(); i++) {
				String[] pair = ForwardPass.MIXED_LENGTH_PAIRS.get(i);
				assertThat(local.encode(pair[0], pair[1]).getIds()).isEqualTo(trimmed(batch.ids()[i], batch.mask()[i]));
			}
			List<String> documents = ForwardPass.MIXED_LENGTH_PAIRS.stream().map((pair) -> pair[1]).toList();
			for (int i = 0; i < documents.size(); i++) {
				String query = ForwardPass.MIXED_LENGTH_PAIRS.get(i)[0];
				RerankResponse response = local.call(new RerankRequest(query, documents));
				double score = response.getResults().get(i).score();
				assertThat(score).as("local provider score of pair " + i)
					.isCloseTo(sigmoid(expected[i]), org.assertj.core.api.Assertions.within(1e-4));
			}
		}
	}

	private static long[] trimmed(long[] ids, long[] mask) {
		int length = 0;
		while (length < mask.length && mask[length] == 1) {
			length++;
		}
		return java.util.Arrays.copyOf(ids, length);
	}

	private static double sigmoid(double x) {
		return 1 / (1 + Math.exp(-x));
	}

	static void assertClose(float[] actual, float[] expected) {
		assertThat(actual).hasSameSizeAs(expected);
		float worst = 0;
		for (int i = 0; i < actual.length; i++) {
			worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
		}
		assertThat(worst).as("largest difference").isLessThan(1e-4f);
	}

}

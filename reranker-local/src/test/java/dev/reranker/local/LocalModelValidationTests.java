package dev.reranker.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.TinyCrossEncoder;
import dev.reranker.testfixtures.TinyCrossEncoder.Variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalModelValidationTests {

	@TempDir
	Path temp;

	private LocalRerankModel load(Path directory) {
		return LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(directory, null, LocalEngine.ONNX_RUNTIME))
			.build();
	}

	@Test
	void missingModelFileNamesTheFilesLookedFor() throws Exception {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		Files.delete(dir.resolve("model.onnx"));

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("Model file is missing")
			.hasMessageContaining("model.onnx")
			.hasMessageContaining("onnx/model.onnx")
			.hasMessageContaining("LocalModelLocation#resolve(modelFile)");
	}

	@Test
	void missingVariantListsTheGraphsPresent() throws Exception {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		Files.createDirectories(dir.resolve("onnx"));
		Files.move(dir.resolve("model.onnx"), dir.resolve("onnx/model_quantized.onnx"));
		Files.copy(dir.resolve("onnx/model_quantized.onnx"), dir.resolve("onnx/model_int8.onnx"));

		assertThatThrownBy(() -> LocalModelFiles.inDirectory(dir, "onnx/model_fp16.onnx", LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("graphs present: [onnx/model_int8.onnx, onnx/model_quantized.onnx]")
			.hasMessageContaining("onnx/model_fp16.onnx");
		assertThat(LocalModelFiles.inDirectory(dir, "onnx/model_int8.onnx", LocalEngine.ONNX_RUNTIME).model())
			.isEqualTo(dir.resolve("onnx/model_int8.onnx"));
	}

	@Test
	void missingTokenizerNamesIt() throws Exception {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		Files.delete(dir.resolve("tokenizer.json"));

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.satisfies(
					(ex) -> assertThat(((LocalModelException) ex).getFile()).isEqualTo(dir.resolve("tokenizer.json")));
	}

	@Test
	void corruptModelFileFailsNamingIt() throws Exception {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
		Files.write(dir.resolve("model.onnx"), java.util.Arrays.copyOf(bytes, bytes.length / 3));

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining(dir.resolve("model.onnx").toString())
			.hasMessageContaining("valid ONNX graph");
	}

	@Test
	void graphWithoutAttentionMaskFailsNamingTheExpectedInputs() {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"), Variant.MISSING_ATTENTION_MASK);

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("Graph inputs are [input_ids, input_mask, token_type_ids]")
			.hasMessageContaining("the tokenizer cannot fill [input_mask]")
			.hasMessageContaining("attention_mask (and optionally token_type_ids and position_ids)")
			.hasMessageContaining("model.onnx");
	}

	@Test
	void graphReturningEmbeddingsInsteadOfLogitsFails() {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"), Variant.WRONG_OUTPUT);

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("Graph returns 64 values per pair")
			.hasMessageContaining("[batch, 1]");
	}

	@Test
	void tokenizerFromAnotherModelFailsNamingTheTokenizer() throws Exception {
		// a tokenizer with more ids than the graph's embedding table, and no config.json
		// to catch it early
		Path small = this.temp.resolve("small");
		TinyCrossEncoder.write(small);
		Files.delete(small.resolve("config.json"));
		String tokenizer = Files.readString(small.resolve("tokenizer.json"));
		Files.writeString(small.resolve("tokenizer.json"), tokenizer.replaceFirst("\"added_tokens\":\\[",
				"\"added_tokens\":[{\"id\":40000,\"content\":\"[EXTRA]\",\"single_word\":false,\"lstrip\":false,"
						+ "\"rstrip\":false,\"normalized\":false,\"special\":true},"),
				StandardCharsets.UTF_8);

		assertThatThrownBy(() -> load(small)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("Tokenizer does not match the model")
			.hasMessageContaining("40000")
			.hasMessageContaining(small.resolve("tokenizer.json").toString());
	}

	@Test
	void configVocabularySmallerThanTheTokenizerFails() throws Exception {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		String config = Files.readString(dir.resolve("config.json"));
		Files.writeString(dir.resolve("config.json"), config.replace("\"vocab_size\": 30522", "\"vocab_size\": 21128"),
				StandardCharsets.UTF_8);

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("vocab_size=21128")
			.hasMessageContaining("tokenizer.json");
	}

	@Test
	void maxLengthAboveTheModelsLimitFailsNamingTheProperty() {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));

		assertThatThrownBy(() -> LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.maxLength(1024)
			.build()).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("LocalRerankModel.Builder#maxLength=1024")
			.hasMessageContaining("max_position_embeddings=128");
	}

	@Test
	void malformedConfigFailsNamingIt() throws Exception {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		Files.writeString(dir.resolve("config.json"), "{ not json", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> load(dir)).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("not valid JSON")
			.hasMessageContaining("config.json");
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 9, 10 })
	void aSmallMaxLengthThatFitsAPairLoadsAndScores(int maxLength) {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m" + maxLength));
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.maxLength(maxLength)
			.build()) {
			assertThat(model.score("solar", List.of("solar energy from panels"))).singleElement()
				.satisfies(score -> assertThat(score).isBetween(0.0, 1.0));
		}
	}

	@Test
	void maxLengthBelowWhatAPairNeedsFailsNamingTheMinimum() {
		Path dir = TinyCrossEncoder.write(this.temp.resolve("m"));
		int minimum;
		try (LocalRerankModel model = load(dir)) {
			// "solar" is one token: a one-token query and document with the special
			// tokens.
			minimum = model.encode("solar", "solar").getIds().length;
		}
		int tooSmall = minimum - 1;

		assertThatThrownBy(() -> LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.maxLength(tooSmall)
			.build()).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("LocalRerankModel.Builder#maxLength=" + tooSmall + " is too small")
			.hasMessageContaining("at least " + minimum)
			.hasMessageNotContaining("warm-up")
			.hasMessageNotContaining("query has");
		try (LocalRerankModel smallest = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.maxLength(minimum)
			.build()) {
			assertThat(smallest.score("solar", List.of("solar energy"))).hasSize(1);
		}
	}

}

package dev.reranker.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.FamilyCrossEncoder;
import dev.reranker.testfixtures.FamilyCrossEncoder.Family;
import dev.reranker.testfixtures.FamilyCrossEncoder.Written;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A graph with several outputs is read at the one named {@code logits}: by the ONNX
 * Runtime session on its own and through the provider end to end (DjlRuntime, which names
 * outputs only after a run, applies the same rule; it runs PyTorch graphs now).
 * {@link Family#JINA_V2} returns hidden states first, then logits. TorchScript outputs
 * have no names: the PyTorch engine reads the first.
 */
class LogitsOutputTests {

	static final String QUERY = "what does a reranker do";

	static final List<String> DOCUMENTS = List.of("a reranker reads the query and each candidate document together",
			"the cat sat on the mat", "a reranker");

	@TempDir
	Path temp;

	/**
	 * A session as the local provider opens one, on the environment DJL's engine created.
	 */
	private static CrossEncoderRuntime ortSession(Path model) {
		boolean shared = !OnnxRuntimeEnvironment.claim();
		return OrtSessionRuntime.load(model, 1, OnnxSessionSettings.DEFAULTS, shared);
	}

	@Test
	void theOrtSessionRuntimeReadsTheOutputNamedLogitsInAMixedBatch() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("jina"), Family.JINA_V2);
		LocalModelFiles files = LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME);
		try (PairEncoder encoder = CrossEncoderPairs.load(files, 1024);
				CrossEncoderRuntime runtime = ortSession(files.model())) {
			assertThat(runtime.outputNames()).containsExactly("hidden_states", "logits");
			GraphSignature signature = GraphSignature.of(runtime.inputNames(), runtime.outputNames(), null,
					files.model());
			List<Encoding> rows = new ArrayList<>();
			DOCUMENTS.forEach((document) -> rows.add(encoder.encode(QUERY, document)));
			float[][] logits = runtime
				.run(new BatchLayout(written.padId(), false, written.padId() + 1, signature).pad(rows));
			for (int i = 0; i < rows.size(); i++) {
				assertThat(logits[i]).hasSize(1);
				assertThat((double) logits[i][0]).as("document %d", i)
					.isCloseTo(written.referenceLogit(rows.get(i).getIds()), within(1e-5));
			}
		}
	}

	@Test
	void theOrtSessionRuntimeRejectsSeveralOutputsNoneNamedLogits() {
		Written written = FamilyCrossEncoder.writeWithScoresNamed(this.temp.resolve("jina-scores"), Family.JINA_V2,
				"scores");
		Path model = written.directory().resolve("onnx").resolve("model.onnx");
		try (CrossEncoderRuntime runtime = ortSession(model)) {
			assertThatThrownBy(() -> GraphSignature.of(runtime.inputNames(), runtime.outputNames(), null, model))
				.isInstanceOf(LocalModelException.class)
				.hasMessageContaining("Graph has outputs [hidden_states, scores] but none is named logits")
				.hasMessageContaining(model.toString());
		}
	}

	@Test
	void theProviderRejectsSeveralOutputsNoneNamedLogitsAtStartUp() {
		Written written = FamilyCrossEncoder.writeWithScoresNamed(this.temp.resolve("jina-scores"), Family.JINA_V2,
				"scores");
		assertThatThrownBy(() -> LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.build()).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("Graph has outputs [hidden_states, scores] but none is named logits")
			.hasMessageContaining("model.onnx");
	}

	@Test
	void theProviderReadsTheOutputNamedLogits() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("jina"), Family.JINA_V2);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.batchSize(3)
			.build()) {
			List<Double> scores = model.score(QUERY, DOCUMENTS);
			for (int i = 0; i < DOCUMENTS.size(); i++) {
				double logit = written.referenceLogit(model.encode(QUERY, DOCUMENTS.get(i)).getIds());
				assertThat(scores.get(i)).isCloseTo(1.0 / (1.0 + Math.exp(-logit)), within(1e-5));
			}
		}
	}

}

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
 * A graph with several outputs is read at the one named {@code logits}, on both ONNX
 * runtimes: DJL's ONNX Runtime engine (the default, which names outputs only after a run)
 * and the ONNX Runtime Java API session used when another library owns the environment
 * (which names them at load). {@link Family#JINA_V2} returns hidden states first, then
 * logits. TorchScript outputs have no names: the PyTorch engine reads the first.
 */
class LogitsOutputTests {

	static final String QUERY = "what does a reranker do";

	static final List<String> DOCUMENTS = List.of("a reranker reads the query and each candidate document together",
			"the cat sat on the mat", "a reranker");

	@TempDir
	Path temp;

	@Test
	void theOrtSessionRuntimeReadsTheOutputNamedLogitsInAMixedBatch() {
		Written written = FamilyCrossEncoder.write(this.temp.resolve("jina"), Family.JINA_V2);
		LocalModelFiles files = LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME);
		try (PairEncoder encoder = CrossEncoderPairs.load(files, 1024);
				CrossEncoderRuntime runtime = OrtSessionRuntime.load(files.model(), null)) {
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
		try (CrossEncoderRuntime runtime = OrtSessionRuntime.load(model, null)) {
			assertThatThrownBy(() -> GraphSignature.of(runtime.inputNames(), runtime.outputNames(), null, model))
				.isInstanceOf(LocalModelException.class)
				.hasMessageContaining("Graph has outputs [hidden_states, scores] but none is named logits")
				.hasMessageContaining(model.toString());
		}
	}

	@Test
	void djlsOnnxRuntimeEngineRejectsSeveralOutputsNoneNamedLogitsAtStartUp() {
		Written written = FamilyCrossEncoder.writeWithScoresNamed(this.temp.resolve("jina-scores"), Family.JINA_V2,
				"scores");
		assertThatThrownBy(() -> LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(written.directory(), null, LocalEngine.ONNX_RUNTIME))
			.build()).isInstanceOf(LocalModelException.class)
			.hasMessageContaining("Graph has outputs [hidden_states, scores] but none is named logits")
			.hasMessageContaining("model.onnx");
	}

	@Test
	void djlsOnnxRuntimeEngineReadsTheOutputNamedLogits() {
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

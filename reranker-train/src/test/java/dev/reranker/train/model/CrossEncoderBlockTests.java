package dev.reranker.train.model;

import java.nio.file.Path;
import java.util.List;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.train.OnnxRuntimeReference;
import dev.reranker.train.StartCheckpoints;
import dev.reranker.train.checkpoint.Binding;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.CheckpointReader;
import dev.reranker.train.checkpoint.EncoderConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DJL PyTorch forward pass of a loaded checkpoint against ONNX Runtime running the
 * checkpoint's own graph, on pairs of different lengths (so padding and the attention
 * mask matter).
 */
class CrossEncoderBlockTests {

	static final List<String[]> PAIRS = List.of(new String[] { "what is a cross-encoder", "A cross-encoder reads "
			+ "the query and the passage together and scores the pair with one forward pass through the transformer." },
			new String[] { "boiling point of water", "Water boils at 100 degrees." },
			new String[] { "jvm garbage collection pauses",
					"The G1 collector splits the heap into regions and collects the ones with the most garbage "
							+ "first, which keeps pauses short on large heaps; ZGC goes further." });

	@TempDir
	Path temp;

	@Test
	void plainMiniLmEncoderMatchesOnnxRuntimeHiddenStates() throws Exception {
		assertHiddenStatesMatch(StartCheckpoints.allMiniLmL6V2(), 12);
	}

	@Test
	void tinyRandomEncoderMatchesOnnxRuntimeHiddenStates() throws Exception {
		Checkpoint checkpoint = CheckpointReader.read(StartCheckpoints.tinyBert());
		assertThat(checkpoint.config()).isEqualTo(new EncoderConfig(30522, 32, 2, 4, 64, 128, 2, 1e-12f));
		assertThat(checkpoint.bindings().get("encoder.layer.1.intermediate.dense.weight"))
			.isEqualTo(new Binding("onnx::MatMul_110", true));
		assertHiddenStatesMatch(StartCheckpoints.tinyBert(), 4);
	}

	@Test
	void plainBgeSmallEncoderMatchesOnnxRuntimeHiddenStates() throws Exception {
		assertHiddenStatesMatch(StartCheckpoints.bgeSmallEnV15(), 12);
	}

	@Test
	void crossEncoderWithHeadMatchesOnnxRuntimeLogits() throws Exception {
		Path dir = this.temp.resolve("cross-encoder");
		Path graph = MiniLmCrossEncoder.write(dir, MiniLmCrossEncoder.Precision.FP32);
		Checkpoint checkpoint = CheckpointReader.read(dir);
		assertThat(checkpoint.hasHead()).isTrue();
		try (NDManager manager = NDManager.newBaseManager("PyTorch");
				PairTokenizer tokenizer = PairTokenizer.load(checkpoint.tokenizer(), 128);
				OnnxRuntimeReference reference = new OnnxRuntimeReference(graph)) {
			CrossEncoderBlock block = new CrossEncoderBlock(checkpoint.config(), 0.1f);
			block.load(manager, checkpoint.weights(), 1L);
			PairBatch batch = batch(tokenizer);
			NDList logits = block.forward(new ParameterStore(manager, false), batch.toInputs(manager), false);
			float[] expected = reference.run(batch, "logits");
			assertThat(logits.singletonOrThrow().getShape().getShape()).containsExactly(3, 1);
			assertClose(logits.singletonOrThrow().toFloatArray(), expected);
		}
	}

	private void assertHiddenStatesMatch(Path dir, int heads) throws Exception {
		Checkpoint checkpoint = CheckpointReader.read(dir);
		assertThat(checkpoint.hasHead()).isFalse();
		assertThat(checkpoint.config().heads()).isEqualTo(heads);
		try (NDManager manager = NDManager.newBaseManager("PyTorch");
				PairTokenizer tokenizer = PairTokenizer.load(checkpoint.tokenizer(), 128);
				OnnxRuntimeReference reference = new OnnxRuntimeReference(dir.resolve("onnx/model.onnx"))) {
			CrossEncoderBlock block = new CrossEncoderBlock(checkpoint.config(), 0.1f);
			block.load(manager, checkpoint.weights(), 1L);
			PairBatch batch = batch(tokenizer);
			assertThat(batch.mask()[1]).contains(0L);
			float[] actual = block.hiddenStates(new ParameterStore(manager, false), batch.toInputs(manager), false)
				.toFloatArray();
			assertClose(actual, reference.run(batch, checkpoint.hiddenStates()));
		}
	}

	static PairBatch batch(PairTokenizer tokenizer) {
		return PairTokenizer.pad(PAIRS.stream().map((pair) -> tokenizer.encode(pair[0], pair[1])).toList());
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

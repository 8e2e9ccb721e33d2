package dev.reranker.train;

import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import dev.reranker.train.checkpoint.EncoderConfig;
import dev.reranker.train.checkpoint.Tensor;
import dev.reranker.train.model.CrossEncoderBlock;
import dev.reranker.train.model.PairBatch;

/** The trainer's own forward pass (DJL PyTorch, inference mode) over given weights. */
public final class ForwardPass {

	private ForwardPass() {
	}

	/** The logits of a batch, one per pair. */
	public static float[] logits(EncoderConfig config, Map<String, Tensor> weights, PairBatch batch) {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			CrossEncoderBlock block = new CrossEncoderBlock(config, 0.1f);
			block.load(manager, weights, 0L);
			return block.forward(new ParameterStore(manager, false), batch.toInputs(manager), false)
				.singletonOrThrow()
				.toFloatArray();
		}
	}

	/** The weights of a checkpoint with a fresh head from the given seed. */
	public static Map<String, Tensor> withFreshHead(EncoderConfig config, Map<String, Tensor> weights, long seed) {
		try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
			CrossEncoderBlock block = new CrossEncoderBlock(config, 0.1f);
			block.load(manager, weights, seed);
			return block.weights();
		}
	}

	/** Pairs of different lengths, the longest several times the shortest. */
	public static final List<String[]> MIXED_LENGTH_PAIRS = List.of(
			new String[] { "what is a cross-encoder",
					"A cross-encoder reads the query and the passage together and scores the pair with one "
							+ "forward pass through the transformer." },
			new String[] { "boiling point of water", "Water boils at 100 degrees." },
			new String[] { "jvm garbage collection pauses",
					"The G1 collector splits the heap into regions and collects the ones with the most garbage "
							+ "first, which keeps pauses short on large heaps; ZGC goes further." },
			new String[] { "capital of france", "Paris." });

}

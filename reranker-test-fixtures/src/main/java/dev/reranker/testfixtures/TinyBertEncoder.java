package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * A tiny random BERT encoder (2 layers, hidden 32, 4 heads, the BERT uncased vocabulary)
 * exported the way PyTorch exports Hugging Face BERT: linear weights as {@code MatMul}
 * initializers that lost their names ({@code onnx::MatMul_N}, {@code [in, out]}), biases
 * and layer norms under their PyTorch names, node names carrying the module scope, exact
 * (erf) GELU, and {@code last_hidden_state} as the output. No classification head and no
 * config.json: a start checkpoint for training tests that runs a training step in
 * milliseconds. Weights are pseudo-random from a fixed seed.
 */
public final class TinyBertEncoder {

	public static final int HIDDEN = 32;

	public static final int LAYERS = 2;

	public static final int HEADS = 4;

	public static final int INTERMEDIATE = 64;

	public static final int MAX_POSITIONS = 128;

	public static final float LAYER_NORM_EPS = 1e-12f;

	private TinyBertEncoder() {
	}

	/**
	 * Writes {@code onnx/model.onnx} and {@code tokenizer.json} into a directory.
	 * @param directory the directory to create
	 * @return {@code directory}
	 */
	public static Path write(Path directory) {
		try {
			Path onnx = directory.resolve("onnx").resolve("model.onnx");
			Files.createDirectories(onnx.getParent());
			Files.write(onnx, model().toByteArray());
			BertTokenizerJson.write(directory);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The encoder graph. */
	public static ModelProto model() {
		Random random = new Random(20241204L);
		OnnxGraph g = new OnnxGraph(GraphProto.newBuilder().setName("tiny_bert"));
		g.proto().addInput(OnnxGraph.tensor("input_ids", DataType.INT64, "batch_size", "sequence_length"));
		g.proto().addInput(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch_size", "sequence_length"));
		g.proto().addInput(OnnxGraph.tensor("token_type_ids", DataType.INT64, "batch_size", "sequence_length"));
		Builder b = new Builder(g, random);

		String words = g.floats("embeddings.word_embeddings.weight",
				gaussian(random, BertTokenizerJson.VOCAB_SIZE * HIDDEN, 0.5), BertTokenizerJson.VOCAB_SIZE, HIDDEN);
		String positions = g.floats("embeddings.position_embeddings.weight",
				gaussian(random, MAX_POSITIONS * HIDDEN, 0.5), MAX_POSITIONS, HIDDEN);
		String types = g.floats("embeddings.token_type_embeddings.weight", gaussian(random, 2 * HIDDEN, 0.5), 2,
				HIDDEN);
		long[] positionIds = new long[MAX_POSITIONS];
		for (int i = 0; i < MAX_POSITIONS; i++) {
			positionIds[i] = i;
		}
		String positionIdTable = g.longs("embeddings.position_ids", positionIds, 1, MAX_POSITIONS);
		String shape = g.op("Shape", List.of("input_ids"));
		String length = g.op("Slice",
				List.of(shape, g.longs("one", new long[] { 1 }, 1), g.longs("two", new long[] { 2 }, 1)));
		String ids = g.op("Slice", List.of(positionIdTable, g.longs("zero", new long[] { 0 }, 1), length,
				g.longs("axis_one", new long[] { 1 }, 1)));
		String x = g.op("Add", List.of(
				g.op("Add",
						List.of(g.op("Gather", List.of(words, "input_ids")),
								g.op("Gather", List.of(types, "token_type_ids")))),
				g.op("Gather", List.of(positions, ids))));
		x = b.layerNorm(x, "embeddings.LayerNorm");

		String mask = g.op("Cast", List.of("attention_mask"), OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
		String inverted = g.op("Sub", List.of(g.floats("one_f", new float[] { 1f }), mask));
		String maskBias = g.op("Unsqueeze",
				List.of(g.op("Mul", List.of(inverted, g.floats("masked", new float[] { -10000f }))),
						g.longs("mask_axes", new long[] { 1, 2 }, 2)));
		String headShape = g.longs("head_shape", new long[] { 0, 0, HEADS, HIDDEN / HEADS }, 4);
		String hiddenShape = g.longs("hidden_shape", new long[] { 0, 0, HIDDEN }, 3);
		String scale = g.floats("attention_scale", new float[] { (float) Math.sqrt(HIDDEN / HEADS) });
		for (int layer = 0; layer < LAYERS; layer++) {
			String scope = "/encoder/layer." + layer + "/";
			String prefix = "encoder.layer." + layer + ".";
			String q = heads(g,
					b.linear(x, scope + "attention/self/query", prefix + "attention.self.query", HIDDEN, HIDDEN),
					headShape, 0, 2, 1, 3);
			String k = heads(g,
					b.linear(x, scope + "attention/self/key", prefix + "attention.self.key", HIDDEN, HIDDEN), headShape,
					0, 2, 3, 1);
			String v = heads(g,
					b.linear(x, scope + "attention/self/value", prefix + "attention.self.value", HIDDEN, HIDDEN),
					headShape, 0, 2, 1, 3);
			String scores = g.op("Add", List.of(g.op("Div", List.of(g.op("MatMul", List.of(q, k)), scale)), maskBias));
			String probabilities = g.op("Softmax", List.of(scores), OnnxGraph.intAttribute("axis", -1));
			String context = g.op("Reshape",
					List.of(g.op("Transpose", List.of(g.op("MatMul", List.of(probabilities, v))),
							OnnxGraph.intsAttribute("perm", 0, 2, 1, 3)), hiddenShape));
			String attention = b.linear(context, scope + "attention/output/dense", prefix + "attention.output.dense",
					HIDDEN, HIDDEN);
			x = b.layerNorm(g.op("Add", List.of(attention, x)), prefix + "attention.output.LayerNorm");
			String intermediate = b.linear(x, scope + "intermediate/dense", prefix + "intermediate.dense", HIDDEN,
					INTERMEDIATE);
			String gelu = g
				.op("Mul", List.of(
						g.op("Mul",
								List.of(intermediate,
										g.op("Add", List.of(
												g.op("Erf",
														List.of(g.op("Div",
																List.of(intermediate, g.floats("sqrt2_" + layer,
																		new float[] { (float) Math.sqrt(2) }))))),
												g.floats("one_" + layer, new float[] { 1f }))))),
						g.floats("half_" + layer, new float[] { 0.5f })));
			String output = b.linear(gelu, scope + "output/dense", prefix + "output.dense", INTERMEDIATE, HIDDEN);
			x = b.layerNorm(g.op("Add", List.of(output, x)), prefix + "output.LayerNorm");
		}
		g.op("Identity", List.of(x), "last_hidden_state");
		g.proto()
			.addOutput(OnnxGraph.tensor("last_hidden_state", DataType.FLOAT, "batch_size", "sequence_length", HIDDEN));
		return ModelProto.newBuilder()
			.setIrVersion(8)
			.setProducerName("reranker-test-fixtures")
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
			.setGraph(g.proto())
			.build();
	}

	private static String heads(OnnxGraph g, String x, String headShape, long... perm) {
		return g.op("Transpose", List.of(g.op("Reshape", List.of(x, headShape))),
				OnnxGraph.intsAttribute("perm", perm));
	}

	private static float[] gaussian(Random random, int count, double deviation) {
		float[] values = new float[count];
		for (int i = 0; i < count; i++) {
			values[i] = (float) (random.nextGaussian() * deviation);
		}
		return values;
	}

	private static final class Builder {

		private final OnnxGraph g;

		private final Random random;

		private int matMuls = 100;

		Builder(OnnxGraph g, Random random) {
			this.g = g;
			this.random = random;
		}

		/** x·W + b with W an unnamed [in, out] MatMul initializer and the bias named. */
		String linear(String x, String scope, String name, int in, int out) {
			String weight = this.g.floats("onnx::MatMul_" + (this.matMuls++),
					gaussian(this.random, in * out, 1.0 / Math.sqrt(in)), in, out);
			String bias = this.g.floats(name + ".bias", gaussian(this.random, out, 0.02), out);
			String product = this.g.proto().getNodeCount() + "_" + scope.replace('/', '_') + "_MatMul";
			this.g.proto()
				.addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
					.setOpType("MatMul")
					.setName(scope + "/MatMul")
					.addInput(x)
					.addInput(weight)
					.addOutput(product));
			return this.g.op("Add", List.of(bias, product));
		}

		String layerNorm(String x, String name) {
			float[] gamma = new float[HIDDEN];
			java.util.Arrays.fill(gamma, 1f);
			String scale = this.g.floats(name + ".weight", gamma, HIDDEN);
			String bias = this.g.floats(name + ".bias", new float[HIDDEN], HIDDEN);
			return this.g.op("LayerNormalization", List.of(x, scale, bias), OnnxGraph.intAttribute("axis", -1),
					OnnxGraph.floatAttribute("epsilon", LAYER_NORM_EPS));
		}

	}

}

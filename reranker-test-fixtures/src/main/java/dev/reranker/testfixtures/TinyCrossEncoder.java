package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * A tiny BERT-shaped cross-encoder whose scores can be worked out by hand.
 * <p>
 * It takes {@code input_ids}, {@code attention_mask} and {@code token_type_ids}
 * ({@code [batch, sequence]}, int64) like a BERT cross-encoder and returns {@code logits}
 * ({@code [batch, 1]}, or {@code [batch, 2]} for {@link Variant#TWO_LOGITS}). Each token
 * id is embedded as the one-hot vector of {@code id % 64} (special tokens embed to zero);
 * the graph averages the embeddings of the query segment (token type 0) and of the
 * document segment (token type 1), both over attended positions only, and returns
 * {@code SCALE * dot(queryMean, documentMean) + BIAS}. So a document scores higher the
 * more of its word pieces are query word pieces, padding never changes a score, and a
 * truncated query changes every score. {@link #referenceLogit(long[], long[], long[])}
 * computes the same number in Java.
 * <p>
 * {@link Variant#TWO_LOGITS} returns {@code [-logit/2, logit/2]}: its softmax positive
 * class equals the sigmoid of the one-logit variant, so both must score identically.
 */
public final class TinyCrossEncoder {

	/** Embedding width: token ids are bucketed by {@code id % DIMENSIONS}. */
	public static final int DIMENSIONS = 64;

	/** Multiplies the overlap. */
	public static final float SCALE = 8.0f;

	/** Added to the scaled overlap. */
	public static final float BIAS = -2.0f;

	/** The model's position limit, written to config.json as max_position_embeddings. */
	public static final int MAX_POSITIONS = 128;

	/** Graph variants, for tests of the output handling and of graph validation. */
	public enum Variant {

		/** One logit per pair. */
		ONE_LOGIT,
		/** Two logits per pair (negative, positive). */
		TWO_LOGITS,
		/** No {@code attention_mask} input: not a usable cross-encoder. */
		MISSING_ATTENTION_MASK,
		/**
		 * Returns the pooled document embedding {@code [batch, 64]} instead of logits.
		 */
		WRONG_OUTPUT

	}

	private static final String TORCHSCRIPT_RESOURCE = "tiny-cross-encoder.pt";

	private TinyCrossEncoder() {
	}

	/**
	 * Writes a one-logit model in Hugging Face layout: {@code model.onnx},
	 * {@code tokenizer.json}, {@code config.json}.
	 * @param directory the directory to create
	 * @return {@code directory}
	 */
	public static Path write(Path directory) {
		return write(directory, Variant.ONE_LOGIT);
	}

	/**
	 * Writes the given variant in Hugging Face layout.
	 * @param directory the directory to create
	 * @param variant the graph variant
	 * @return {@code directory}
	 */
	public static Path write(Path directory, Variant variant) {
		try {
			Files.createDirectories(directory);
			Files.write(directory.resolve("model.onnx"), model(variant).toByteArray());
			BertTokenizerJson.write(directory);
			int labels = (variant == Variant.TWO_LOGITS) ? 2 : 1;
			Files.writeString(directory.resolve("config.json"),
					"{\n  \"model_type\": \"bert\",\n  \"architectures\": [\"BertForSequenceClassification\"],\n"
							+ "  \"vocab_size\": " + BertTokenizerJson.VOCAB_SIZE + ",\n  \"max_position_embeddings\": "
							+ MAX_POSITIONS + ",\n  \"num_labels\": " + labels + "\n}\n",
					StandardCharsets.UTF_8);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the one-logit model in Hugging Face layout for both engines: what
	 * {@link #write(Path)} writes plus {@code model.pt}, the same computation as
	 * TorchScript for DJL's PyTorch engine (inputs
	 * {@code input_ids, attention_mask, token_type_ids}, in that order). The TorchScript
	 * file is committed, produced by
	 * {@code src/main/python/export_tiny_cross_encoder_torchscript.py}.
	 * @param directory the directory to create
	 * @return {@code directory}
	 */
	public static Path writeWithTorchScript(Path directory) {
		write(directory, Variant.ONE_LOGIT);
		try (InputStream in = TinyCrossEncoder.class.getResourceAsStream(TORCHSCRIPT_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(TORCHSCRIPT_RESOURCE + " is missing from reranker-test-fixtures");
			}
			Files.copy(in, directory.resolve("model.pt"), StandardCopyOption.REPLACE_EXISTING);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the one-logit model in Hugging Face layout with its weights in an external
	 * data file, as ONNX exports over 2 GB are: the graph at {@code graphFile} holds no
	 * initializer data, every initializer of 64 bytes or more is stored in
	 * {@code dataFile} beside it (the name the graph refers to).
	 * @param directory the directory to create
	 * @param graphFile the graph's path in the directory, e.g. {@code onnx/model.onnx}
	 * @param dataFile the data file's name, e.g. {@code model.onnx_data}
	 * @return {@code directory}
	 */
	public static Path writeWithExternalData(Path directory, String graphFile, String dataFile) {
		write(directory, Variant.ONE_LOGIT);
		try {
			Path graph = directory.resolve(graphFile);
			Files.createDirectories(graph.getParent());
			Files.delete(directory.resolve("model.onnx"));
			ModelProto external = OnnxGraph.withExternalData(model(Variant.ONE_LOGIT), graph.resolveSibling(dataFile),
					64);
			Files.write(graph, external.toByteArray());
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The ONNX model of a variant. */
	public static ModelProto model(Variant variant) {
		OnnxGraph g = new OnnxGraph(GraphProto.newBuilder().setName("tiny_cross_encoder"));
		g.proto().addInput(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"));
		String maskInput = (variant == Variant.MISSING_ATTENTION_MASK) ? "input_mask" : "attention_mask";
		g.proto().addInput(OnnxGraph.tensor(maskInput, DataType.INT64, "batch", "sequence"));
		g.proto().addInput(OnnxGraph.tensor("token_type_ids", DataType.INT64, "batch", "sequence"));

		int vocab = BertTokenizerJson.VOCAB_SIZE;
		float[] embeddings = new float[vocab * DIMENSIONS];
		for (int id = 0; id < vocab; id++) {
			if (!isSpecial(id)) {
				embeddings[id * DIMENSIONS + id % DIMENSIONS] = 1.0f;
			}
		}
		String table = g.floats("embeddings.word_embeddings.weight", embeddings, vocab, DIMENSIONS);
		String axis1 = g.longs("axis_1", new long[] { 1 }, 1);
		String axis2 = g.longs("axis_2", new long[] { 2 }, 1);
		String scale = g.floats("classifier.scale", new float[] { SCALE });
		String bias = g.floats("classifier.bias", new float[] { BIAS });

		String embedded = g.op("Gather", List.of(table, "input_ids"));
		String mask = g.op("Cast", List.of(maskInput), OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
		String types = g.op("Cast", List.of("token_type_ids"),
				OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
		String documentWeight = g.op("Mul", List.of(mask, types));
		String queryWeight = g.op("Sub", List.of(mask, documentWeight));
		String queryMean = mean(g, embedded, queryWeight, axis1, axis2);
		String documentMean = mean(g, embedded, documentWeight, axis1, axis2);
		String overlap = g.op("ReduceSum", List.of(g.op("Mul", List.of(queryMean, documentMean)), axis1),
				OnnxGraph.intAttribute("keepdims", 1));
		switch (variant) {
			case TWO_LOGITS -> {
				String logit = g.op("Add", List.of(g.op("Mul", List.of(overlap, scale)), bias));
				String half = g.op("Mul", List.of(logit, g.floats("half", new float[] { 0.5f })));
				g.op("Concat", List.of(g.op("Neg", List.of(half)), half), "logits", OnnxGraph.intAttribute("axis", 1));
				g.proto().addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch", 2));
			}
			case WRONG_OUTPUT -> {
				g.op("Identity", List.of(documentMean), "logits");
				g.proto().addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch", DIMENSIONS));
			}
			default -> {
				g.op("Add", List.of(g.op("Mul", List.of(overlap, scale)), bias), "logits");
				g.proto().addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch", 1));
			}
		}
		return ModelProto.newBuilder()
			.setIrVersion(8)
			.setProducerName("reranker-test-fixtures")
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
			.setGraph(g.proto())
			.build();
	}

	private static String mean(OnnxGraph g, String embedded, String weight, String axis1, String axis2) {
		String weighted = g.op("Mul", List.of(embedded, g.op("Unsqueeze", List.of(weight, axis2))));
		String sum = g.op("ReduceSum", List.of(weighted, axis1), OnnxGraph.intAttribute("keepdims", 0));
		String count = g.op("ReduceSum", List.of(weight, axis1), OnnxGraph.intAttribute("keepdims", 1));
		return g.op("Div", List.of(sum, count));
	}

	/**
	 * The logit the graph computes for one encoded pair, worked out in Java.
	 * @param ids token ids
	 * @param typeIds token type ids (0 query, 1 document)
	 * @param mask attention mask
	 * @return the logit
	 */
	public static double referenceLogit(long[] ids, long[] typeIds, long[] mask) {
		double[] query = new double[DIMENSIONS];
		double[] document = new double[DIMENSIONS];
		double queryCount = 0;
		double documentCount = 0;
		for (int i = 0; i < ids.length; i++) {
			if (mask[i] == 0) {
				continue;
			}
			int id = (int) ids[i];
			double[] target = (typeIds[i] == 0) ? query : document;
			if (typeIds[i] == 0) {
				queryCount++;
			}
			else {
				documentCount++;
			}
			if (!isSpecial(id)) {
				target[id % DIMENSIONS] += 1.0;
			}
		}
		double dot = 0;
		for (int d = 0; d < DIMENSIONS; d++) {
			dot += (query[d] / queryCount) * (document[d] / documentCount);
		}
		return SCALE * dot + BIAS;
	}

	/** [PAD], [UNK], [CLS], [SEP], [MASK] embed to zero. */
	private static boolean isSpecial(int id) {
		return id == 0 || (id >= 100 && id <= 103);
	}

}

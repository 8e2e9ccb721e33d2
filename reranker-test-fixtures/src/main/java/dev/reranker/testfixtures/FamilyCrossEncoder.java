package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;

import dev.reranker.testfixtures.FixtureTokenizerJson.Special;

/**
 * Tiny cross-encoders in the layouts of the encoder families people load from the hub,
 * each with the family's tokenizer model, special tokens, pad id, graph inputs and
 * outputs and config files, and scores that can be worked out by hand.
 * <p>
 * Like {@link TinyCrossEncoder}, each token embeds as the one-hot vector of
 * {@code id % 64} (special tokens as zero), and the logit is
 * {@code SCALE * dot(queryMean, documentMean) + BIAS}. None of these graphs takes
 * {@code token_type_ids}: the document is everything after the first separator token, as
 * the pair templates ({@code <s> q </s></s> d </s>}, {@code [CLS] q [SEP] d [SEP]}) put
 * it. A token counts in a mean unless the attention mask AND the pad id both say it is
 * padding: these graphs tell padding by the pad id as RoBERTa's position ids and
 * decoders' sequence-classification heads do, so a batch padded with another id scores
 * differently from the same pairs one at a time. The XLM-RoBERTa layout also computes
 * RoBERTa's position ids ({@code cumsum(id != pad) + pad}) into a table of
 * {@code max_position_embeddings} rows, so a pair longer than
 * {@code max_position_embeddings - 2} tokens fails as it does in the real model. The
 * XLM-RoBERTa layout with {@code position_ids} takes them as an input instead and adds
 * {@code POSITION_WEIGHT} times their mean over attended tokens, so positions fed from 0
 * rather than from {@code pad_id + 1}, or shifted by padding, change the score.
 */
public final class FamilyCrossEncoder {

	/** Multiplies the overlap. */
	public static final float SCALE = 8.0f;

	/** Added to the scaled overlap. */
	public static final float BIAS = -2.0f;

	/** Multiplies the mean position id in the layout that takes {@code position_ids}. */
	public static final float POSITION_WEIGHT = 0.02f;

	private static final int DIMENSIONS = TinyCrossEncoder.DIMENSIONS;

	/** The encoder families, with the layout of their hub exports. */
	public enum Family {

		/**
		 * XLM-RoBERTa (bge-reranker-base, bge-reranker-v2-m3): SentencePiece Unigram,
		 * {@code <s>=0 <pad>=1 </s>=2 <unk>=3}, pair {@code <s> A </s> </s> B </s>},
		 * inputs input_ids and attention_mask, max_position_embeddings 514 (512 usable),
		 * no model_max_length.
		 */
		XLM_ROBERTA("xlm-roberta", "XLMRobertaForSequenceClassification", 514, 1, 2),

		/**
		 * XLM-RoBERTa exported with {@code position_ids} as a graph input (as
		 * {@code torch.onnx.export} gives when the export passes them): inputs input_ids,
		 * attention_mask and position_ids, which must count from {@code pad_id + 1 = 2}
		 * as RoBERTa's own do; otherwise as {@link #XLM_ROBERTA}.
		 */
		XLM_ROBERTA_POSITION_IDS("xlm-roberta", "XLMRobertaForSequenceClassification", 514, 1, 2),

		/**
		 * DeBERTa-v3 (mxbai-rerank-xsmall-v1): SentencePiece Unigram,
		 * {@code [PAD]=0 [CLS]=1 [SEP]=2 [UNK]=3}, pair {@code [CLS] A [SEP] B [SEP]},
		 * inputs input_ids and attention_mask, 512 positions.
		 */
		DEBERTA_V3("deberta-v2", "DebertaV2ForSequenceClassification", 512, 0, 2),

		/**
		 * ModernBERT (gte-reranker-modernbert-base): byte-level BPE with
		 * {@code [UNK] [CLS] [SEP] [PAD] [MASK]} after the vocabulary (pad id not 0),
		 * pair {@code [CLS] A [SEP] B [SEP]}, inputs input_ids and attention_mask, 8192
		 * positions.
		 */
		MODERNBERT("modernbert", "ModernBertForSequenceClassification", 8192, -1, -1),

		/**
		 * jina-reranker-v2 (XLM-RoBERTa with ALiBi): the XLM-RoBERTa tokenizer, inputs
		 * input_ids and attention_mask, two outputs (hidden states first, then logits),
		 * max_position_embeddings 1026, model_max_length 1024.
		 */
		JINA_V2("XLMRoberta", "XLMRobertaForSequenceClassification", 1026, 1, 2);

		private final String modelType;

		private final String architecture;

		private final int maxPositions;

		private final int padId;

		private final int sepId;

		Family(String modelType, String architecture, int maxPositions, int padId, int sepId) {
			this.modelType = modelType;
			this.architecture = architecture;
			this.maxPositions = maxPositions;
			this.padId = padId;
			this.sepId = sepId;
		}

		/** {@code max_position_embeddings} in config.json. */
		public int maxPositions() {
			return this.maxPositions;
		}

		/** Whether the graph takes {@code position_ids}. */
		public boolean takesPositionIds() {
			return this == XLM_ROBERTA_POSITION_IDS;
		}

		/** Whether the pair template is RoBERTa's {@code <s> A </s></s> B </s>}. */
		public boolean robertaPairs() {
			return this == XLM_ROBERTA || this == XLM_ROBERTA_POSITION_IDS || this == JINA_V2;
		}

	}

	private FamilyCrossEncoder() {
	}

	/**
	 * A written model: where it is and what its tokenizer's ids mean.
	 *
	 * @param directory the model directory
	 * @param family the family
	 * @param padId the pad id
	 * @param sepId the separator id the document follows
	 * @param specialIds ids that embed to zero
	 */
	public record Written(Path directory, Family family, long padId, long sepId, Set<Long> specialIds) {

		/**
		 * The logit the graph computes for one unpadded encoded pair, worked out in Java,
		 * with position ids (for the layout that takes them) counted from
		 * {@code pad_id + 1} as RoBERTa's are.
		 * @param ids the pair's token ids, as the tokenizer gives them
		 * @return the logit
		 */
		public double referenceLogit(long[] ids) {
			return referenceLogit(ids, this.padId + 1);
		}

		/**
		 * The logit the graph computes for one unpadded encoded pair fed position ids
		 * {@code firstPosition, firstPosition + 1, …} (ignored by layouts that take
		 * none).
		 * @param ids the pair's token ids, as the tokenizer gives them
		 * @param firstPosition the position id of the first token
		 * @return the logit
		 */
		public double referenceLogit(long[] ids, long firstPosition) {
			double[] query = new double[DIMENSIONS];
			double[] document = new double[DIMENSIONS];
			double queryCount = 0;
			double documentCount = 0;
			boolean inDocument = false;
			for (long id : ids) {
				boolean separator = id == this.sepId;
				if (inDocument) {
					documentCount++;
				}
				else {
					queryCount++;
				}
				if (!this.specialIds.contains(id)) {
					(inDocument ? document : query)[(int) (id % DIMENSIONS)] += 1.0;
				}
				inDocument = inDocument || separator;
			}
			double dot = 0;
			for (int d = 0; d < DIMENSIONS; d++) {
				dot += (query[d] / queryCount) * (document[d] / documentCount);
			}
			double positional = this.family.takesPositionIds()
					? POSITION_WEIGHT * (firstPosition + (ids.length - 1) / 2.0) : 0;
			return SCALE * dot + BIAS + positional;
		}

	}

	/**
	 * Writes a family's model in Hugging Face layout: {@code onnx/model.onnx},
	 * {@code tokenizer.json}, {@code tokenizer_config.json} and {@code config.json}.
	 * @param directory the directory to create
	 * @param family the family
	 * @return the written model
	 */
	public static Written write(Path directory, Family family) {
		Path tokenizer = directory.resolve("tokenizer.json");
		Map<String, Integer> vocabulary;
		long padId;
		long sepId;
		Set<Long> specials;
		String padToken;
		switch (family) {
			case DEBERTA_V3 -> {
				vocabulary = FixtureTokenizerJson
					.writeUnigram(
							tokenizer, List.of(new Special("[PAD]", 0), new Special("[CLS]", 1),
									new Special("[SEP]", 2), new Special("[UNK]", 3)),
							"[UNK]", "[CLS] $A [SEP] $B:1 [SEP]:1", "[CLS] $A [SEP]");
				padToken = "[PAD]";
			}
			case MODERNBERT -> {
				vocabulary = FixtureTokenizerJson.writeByteLevelBpe(tokenizer,
						List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"), "[CLS] $A [SEP] $B [SEP]",
						"[CLS] $A [SEP]");
				padToken = "[PAD]";
			}
			default -> {
				vocabulary = FixtureTokenizerJson.writeUnigram(tokenizer, List.of(new Special("<s>", 0),
						new Special("<pad>", 1), new Special("</s>", 2), new Special("<unk>", 3)), "<unk>",
						"<s> $A </s> </s> $B </s>", "<s> $A </s>");
				padToken = "<pad>";
			}
		}
		padId = FixtureTokenizerJson.id(vocabulary, padToken);
		sepId = FixtureTokenizerJson.id(vocabulary,
				(family == Family.DEBERTA_V3 || family == Family.MODERNBERT) ? "[SEP]" : "</s>");
		specials = new java.util.HashSet<>();
		for (Map.Entry<String, Integer> entry : vocabulary.entrySet()) {
			String token = entry.getKey();
			if (token.matches("<s>|</s>|<pad>|<unk>|\\[(PAD|CLS|SEP|UNK|MASK)]")) {
				specials.add(entry.getValue().longValue());
			}
		}
		int vocabSize = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
		try {
			Path onnx = directory.resolve("onnx").resolve("model.onnx");
			Files.createDirectories(onnx.getParent());
			Files.write(onnx, model(family, vocabSize, padId, sepId, specials).toByteArray());
			Files.writeString(directory.resolve("config.json"),
					"{\n  \"model_type\": \"" + family.modelType + "\",\n  \"architectures\": [\"" + family.architecture
							+ "\"],\n  \"vocab_size\": " + vocabSize + ",\n  \"max_position_embeddings\": "
							+ family.maxPositions + ",\n  \"pad_token_id\": " + padId + ",\n  \"num_labels\": 1\n}\n",
					StandardCharsets.UTF_8);
			String maxLength = switch (family) {
				case XLM_ROBERTA, XLM_ROBERTA_POSITION_IDS -> "1000000000000000019884624838656";
				case JINA_V2 -> "1024";
				default -> String.valueOf(family.maxPositions);
			};
			Files.writeString(
					directory.resolve("tokenizer_config.json"), "{\n  \"pad_token\": \"" + padToken
							+ "\",\n  \"model_max_length\": " + maxLength + ",\n  \"padding_side\": \"right\"\n}\n",
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Written(directory, family, padId, sepId, Set.copyOf(specials));
	}

	/**
	 * Writes a family's model as {@link #write} does, with the scores output renamed:
	 * with {@link Family#JINA_V2}'s two outputs, a graph none of whose outputs is named
	 * {@code logits}.
	 * @param directory the directory to create
	 * @param family the family
	 * @param outputName the name of the scores output instead of {@code logits}
	 * @return the written model
	 */
	public static Written writeWithScoresNamed(Path directory, Family family, String outputName) {
		Written written = write(directory, family);
		Path onnx = directory.resolve("onnx").resolve("model.onnx");
		try {
			ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
			GraphProto.Builder graph = model.getGraph().toBuilder();
			for (int i = 0; i < graph.getOutputCount(); i++) {
				if (graph.getOutput(i).getName().equals("logits")) {
					graph.setOutput(i, graph.getOutput(i).toBuilder().setName(outputName));
				}
			}
			for (int i = 0; i < graph.getNodeCount(); i++) {
				if (graph.getNode(i).getOutputList().contains("logits")) {
					graph.setNode(i, graph.getNode(i).toBuilder().setOutput(0, outputName));
				}
			}
			Files.write(onnx, model.toBuilder().setGraph(graph).build().toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return written;
	}

	static ModelProto model(Family family, int vocabSize, long padId, long sepId, Set<Long> specials) {
		OnnxGraph g = new OnnxGraph(GraphProto.newBuilder().setName("family_cross_encoder"));
		g.proto().addInput(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"));
		g.proto().addInput(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"));
		if (family.takesPositionIds()) {
			g.proto().addInput(OnnxGraph.tensor("position_ids", DataType.INT64, "batch", "sequence"));
		}
		float[] embeddings = new float[vocabSize * DIMENSIONS];
		for (int id = 0; id < vocabSize; id++) {
			if (!specials.contains((long) id)) {
				embeddings[id * DIMENSIONS + id % DIMENSIONS] = 1.0f;
			}
		}
		String table = g.floats("embeddings.word_embeddings.weight", embeddings, vocabSize, DIMENSIONS);
		String axis1 = g.longs("axis_1", new long[] { 1 }, 1);
		String axis2 = g.longs("axis_2", new long[] { 2 }, 1);
		String pad = g.longs("pad_id", new long[] { padId });
		String sep = g.longs("sep_id", new long[] { sepId });
		String toFloat = "to";

		String embedded = g.op("Gather", List.of(table, "input_ids"));
		String notPad = g.op("Not", List.of(g.op("Equal", List.of("input_ids", pad))));
		String notPadLong = g.op("Cast", List.of(notPad), OnnxGraph.intAttribute(toFloat, DataType.INT64.getNumber()));
		String counted = g.op("Max", List.of("attention_mask", notPadLong));
		String weight = g.op("Cast", List.of(counted), OnnxGraph.intAttribute(toFloat, DataType.FLOAT.getNumber()));
		// document = after the first separator: cumsum(is_sep) - is_sep >= 1
		String isSep = g.op("Cast", List.of(g.op("Equal", List.of("input_ids", sep))),
				OnnxGraph.intAttribute(toFloat, DataType.INT64.getNumber()));
		String seen = g.op("Sub",
				List.of(g.op("CumSum", List.of(isSep, g.longs("cumsum_axis", new long[] { 1 }))), isSep));
		String inDocument = g.op("Cast", List.of(g.op("Greater", List.of(seen, g.longs("zero", new long[] { 0 })))),
				OnnxGraph.intAttribute(toFloat, DataType.FLOAT.getNumber()));
		String documentWeight = g.op("Mul", List.of(weight, inDocument));
		String queryWeight = g.op("Sub", List.of(weight, documentWeight));
		String queryMean = mean(g, embedded, queryWeight, axis1, axis2);
		String documentMean = mean(g, embedded, documentWeight, axis1, axis2);
		String overlap = g.op("ReduceSum", List.of(g.op("Mul", List.of(queryMean, documentMean)), axis1),
				OnnxGraph.intAttribute("keepdims", 1));
		String logit = g.op("Add",
				List.of(g.op("Mul", List.of(overlap, g.floats("classifier.scale", new float[] { SCALE }))),
						g.floats("classifier.bias", new float[] { BIAS })));
		if (family == Family.XLM_ROBERTA) {
			// RoBERTa's position ids; the table's rows are zero, only its bounds matter
			String positions = g.op("Add",
					List.of(g.op("Mul",
							List.of(g.op("CumSum", List.of(notPadLong, g.longs("cumsum_axis_2", new long[] { 1 }))),
									notPadLong)),
							pad));
			String table2 = g.floats("embeddings.position_embeddings.weight", new float[family.maxPositions],
					family.maxPositions, 1);
			String positional = g.op("ReduceSum",
					List.of(g.op("Gather", List.of(table2, positions)), g.longs("axes_12", new long[] { 1, 2 }, 2)),
					OnnxGraph.intAttribute("keepdims", 0));
			logit = g.op("Add", List.of(logit, g.op("Unsqueeze", List.of(positional, axis1))));
		}
		if (family.takesPositionIds()) {
			// mean of POSITION_WEIGHT * position_id over attended tokens; an id past the
			// table fails the Gather as it does in the real model
			float[] rows = new float[family.maxPositions];
			for (int p = 0; p < rows.length; p++) {
				rows[p] = POSITION_WEIGHT * p;
			}
			String table3 = g.floats("embeddings.position_embeddings.weight", rows, family.maxPositions);
			String attended = g.op("Cast", List.of("attention_mask"),
					OnnxGraph.intAttribute(toFloat, DataType.FLOAT.getNumber()));
			String weighted = g.op("Mul", List.of(g.op("Gather", List.of(table3, "position_ids")), attended));
			String positional = g.op("Div",
					List.of(g.op("ReduceSum", List.of(weighted, axis1), OnnxGraph.intAttribute("keepdims", 1)),
							g.op("ReduceSum", List.of(attended, axis1), OnnxGraph.intAttribute("keepdims", 1))));
			logit = g.op("Add", List.of(logit, positional));
		}
		if (family == Family.JINA_V2) {
			g.op("Identity", List.of(embedded), "hidden_states");
			g.proto().addOutput(OnnxGraph.tensor("hidden_states", DataType.FLOAT, "batch", "sequence", DIMENSIONS));
		}
		g.op("Identity", List.of(logit), "logits");
		g.proto().addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch", 1));
		return ModelProto.newBuilder()
			.setIrVersion(8)
			.setProducerName("reranker-test-fixtures")
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14))
			.setGraph(g.proto())
			.build();
	}

	private static String mean(OnnxGraph g, String embedded, String weight, String axis1, String axis2) {
		String weighted = g.op("Mul", List.of(embedded, g.op("Unsqueeze", List.of(weight, axis2))));
		String sum = g.op("ReduceSum", List.of(weighted, axis1), OnnxGraph.intAttribute("keepdims", 0));
		String count = g.op("ReduceSum", List.of(weight, axis1), OnnxGraph.intAttribute("keepdims", 1));
		return g.op("Div", List.of(sum, count));
	}

}

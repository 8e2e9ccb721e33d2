package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * A tiny decoder reranker in the layout of Qwen3-Reranker and mxbai-rerank-v2 whose
 * answer can be worked out by hand: a byte-level BPE tokenizer with Qwen's special tokens
 * ({@code <|endoftext|>} the pad token, {@code <|im_start|>}, {@code <|im_end|>}), and a
 * causal graph that reads left to right.
 * <p>
 * The query is what follows the query marker ({@code <Query>:} of Qwen3-Reranker's prompt
 * or {@code query:} of mxbai's, added tokens of this fixture's tokenizer) up to the
 * document marker ({@code <Document>:} or {@code document:}); the document is what
 * follows that. Only words of {@link FixtureTokenizerJson#WORDS} count (other template
 * text does not). At each position {@code t} the graph looks back over attended tokens
 * only and gives the positive tokens ({@code yes}, {@code 1}) the logit
 * {@code SCALE * dot(queryMean, documentMean) + BIAS + OWN_WEIGHT * (id_t % 7) + POSITION_WEIGHT * position_t}
 * and the negative tokens ({@code no}, {@code 0}) the constant {@link #NEGATIVE_LOGIT}
 * (every other token 0), so the score at the last position, {@code softmax(no, yes)} of
 * {@code yes}, is the sigmoid of their difference: more query words in the document score
 * higher; a wrong position id (left padding without {@code position_ids}), reading the
 * wrong position (right padding), the wrong negative token or a sigmoid of the positive
 * logit alone changes it.
 * <ul>
 * <li>{@link Shape#CAUSAL_LM}: inputs input_ids, attention_mask, position_ids; output
 * logits {@code [batch, sequence, vocabulary]} (config.json: Qwen3ForCausalLM).
 * <li>{@link Shape#SEQUENCE_CLASSIFICATION}: inputs input_ids, attention_mask; output
 * logits {@code [batch, 1]} = positive minus negative logit at the last token that is not
 * the pad id, found as Hugging Face's sequence classification does (the rightmost non-pad
 * token); no position term (config.json: Qwen3ForSequenceClassification).
 * </ul>
 */
public final class TinyDecoderReranker {

	/** Multiplies the overlap. */
	public static final float SCALE = 8.0f;

	/** Added to the scaled overlap. */
	public static final float BIAS = -2.0f;

	/**
	 * Weight of each token's own value {@code id % 7}, added to its position's logit: as
	 * a token's own embedding reaches its output through the residual stream, reading any
	 * other position than the last real token changes the score.
	 */
	public static final float OWN_WEIGHT = 0.25f;

	/** The negative answer tokens' logit at every position. */
	public static final float NEGATIVE_LOGIT = 0.75f;

	/** Multiplies the last position id in the causal-LM shape. */
	public static final float POSITION_WEIGHT = 0.01f;

	private static final int DIMENSIONS = TinyCrossEncoder.DIMENSIONS;

	private static final List<String> QUERY_MARKERS = List.of("<Query>:", "query:");

	private static final List<String> DOCUMENT_MARKERS = List.of("<Document>:", "document:");

	/** The two export shapes. */
	public enum Shape {

		/** A causal LM: logits for every position and vocabulary entry. */
		CAUSAL_LM,
		/** A sequence-classification head on the last non-pad token. */
		SEQUENCE_CLASSIFICATION

	}

	/**
	 * A written model and what its ids mean.
	 *
	 * @param directory the model directory
	 * @param shape the export shape
	 * @param padId the pad id
	 * @param vocabulary token → id
	 */
	public record Written(Path directory, Shape shape, long padId, Map<String, Integer> vocabulary) {

		/**
		 * The positive-minus-negative logit the graph gives an unpadded prompt at its
		 * last token, worked out in Java: its sigmoid is {@code softmax(no, yes)} of
		 * {@code yes}.
		 * @param ids the prompt's token ids
		 * @return the logit, whose sigmoid is the score
		 */
		public double referenceLogit(long[] ids) {
			Set<Long> content = contentIds(this.vocabulary);
			Set<Long> queryMarkers = ids(this.vocabulary, QUERY_MARKERS);
			Set<Long> documentMarkers = ids(this.vocabulary, DOCUMENT_MARKERS);
			double[] query = new double[DIMENSIONS];
			double[] document = new double[DIMENSIONS];
			double queryCount = 0;
			double documentCount = 0;
			boolean afterQuery = false;
			boolean afterDocument = false;
			for (long id : ids) {
				afterQuery = afterQuery || queryMarkers.contains(id);
				afterDocument = afterDocument || documentMarkers.contains(id);
				if (!content.contains(id)) {
					continue;
				}
				if (afterDocument) {
					document[(int) (id % DIMENSIONS)]++;
					documentCount++;
				}
				else if (afterQuery) {
					query[(int) (id % DIMENSIONS)]++;
					queryCount++;
				}
			}
			double dot = 0;
			for (int d = 0; d < DIMENSIONS; d++) {
				dot += (query[d] / Math.max(1, queryCount)) * (document[d] / Math.max(1, documentCount));
			}
			double logit = SCALE * dot + BIAS + OWN_WEIGHT * (ids[ids.length - 1] % 7) - NEGATIVE_LOGIT;
			return (this.shape == Shape.CAUSAL_LM) ? logit + POSITION_WEIGHT * (ids.length - 1) : logit;
		}

	}

	private TinyDecoderReranker() {
	}

	/**
	 * Writes the model in Hugging Face layout: {@code model.onnx},
	 * {@code tokenizer.json}, {@code tokenizer_config.json} (pad token
	 * {@code <|endoftext|>}, left padding) and {@code config.json} (model_type qwen3).
	 * @param directory the directory to create
	 * @param shape the export shape
	 * @return the written model
	 */
	public static Written write(Path directory, Shape shape) {
		List<String> specials = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<Query>:", "<Document>:",
				"query:", "document:");
		Map<String, Integer> vocabulary = FixtureTokenizerJson.writeByteLevelBpe(directory.resolve("tokenizer.json"),
				specials, null, null);
		int vocabSize = vocabulary.size();
		long padId = FixtureTokenizerJson.id(vocabulary, "<|endoftext|>");
		long endOfTurn = FixtureTokenizerJson.id(vocabulary, "<|im_end|>");
		try {
			Files.createDirectories(directory);
			Files.write(directory.resolve("model.onnx"), model(shape, vocabulary, vocabSize, padId).toByteArray());
			String architecture = (shape == Shape.CAUSAL_LM) ? "Qwen3ForCausalLM" : "Qwen3ForSequenceClassification";
			Files.writeString(directory.resolve("config.json"),
					"{\n  \"model_type\": \"qwen3\",\n  \"architectures\": [\"" + architecture + "\"],\n"
							+ "  \"vocab_size\": " + vocabSize + ",\n  \"max_position_embeddings\": 40960,\n"
							+ "  \"eos_token_id\": " + endOfTurn + "\n}\n",
					StandardCharsets.UTF_8);
			Files.writeString(directory.resolve("tokenizer_config.json"),
					"{\n  \"pad_token\": \"<|endoftext|>\",\n"
							+ "  \"padding_side\": \"left\",\n  \"model_max_length\": 131072\n}\n",
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Written(directory, shape, padId, Map.copyOf(vocabulary));
	}

	private static Set<Long> contentIds(Map<String, Integer> vocabulary) {
		Set<Long> ids = new HashSet<>();
		for (String word : FixtureTokenizerJson.WORDS) {
			for (String form : List.of(word, "\u0120" + word)) {
				Integer id = vocabulary.get(form);
				if (id != null) {
					ids.add(id.longValue());
				}
			}
		}
		return ids;
	}

	private static Set<Long> ids(Map<String, Integer> vocabulary, List<String> tokens) {
		Set<Long> ids = new HashSet<>();
		tokens.forEach((token) -> ids.add((long) FixtureTokenizerJson.id(vocabulary, token)));
		return ids;
	}

	static ModelProto model(Shape shape, Map<String, Integer> vocabulary, int vocabSize, long padId) {
		OnnxGraph g = new OnnxGraph(GraphProto.newBuilder().setName("tiny_decoder_reranker"));
		g.proto().addInput(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"));
		g.proto().addInput(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"));
		if (shape == Shape.CAUSAL_LM) {
			g.proto().addInput(OnnxGraph.tensor("position_ids", DataType.INT64, "batch", "sequence"));
		}
		Set<Long> content = contentIds(vocabulary);
		float[] embeddings = new float[vocabSize * DIMENSIONS];
		float[] contentFlags = new float[vocabSize];
		float[] queryMarkers = new float[vocabSize];
		float[] documentMarkers = new float[vocabSize];
		for (int id = 0; id < vocabSize; id++) {
			if (content.contains((long) id)) {
				embeddings[id * DIMENSIONS + id % DIMENSIONS] = 1.0f;
				contentFlags[id] = 1.0f;
			}
		}
		ids(vocabulary, QUERY_MARKERS).forEach((id) -> queryMarkers[id.intValue()] = 1.0f);
		ids(vocabulary, DOCUMENT_MARKERS).forEach((id) -> documentMarkers[id.intValue()] = 1.0f);
		String axis1 = g.longs("axis_1", new long[] { 1 }, 1);
		String axis2 = g.longs("axis_2", new long[] { 2 }, 1);
		String cumsumAxis = g.longs("cumsum_axis", new long[] { 1 });
		String half = g.floats("half", new float[] { 0.5f });
		String oneFloat = g.floats("one", new float[] { 1.0f });

		String embedded = g.op("Gather",
				List.of(g.floats("embed_tokens.weight", embeddings, vocabSize, DIMENSIONS), "input_ids"));
		String isContent = g.op("Gather", List.of(g.floats("content", contentFlags, vocabSize), "input_ids"));
		String isQuery = g.op("Gather", List.of(g.floats("query_markers", queryMarkers, vocabSize), "input_ids"));
		String isDocument = g.op("Gather",
				List.of(g.floats("document_markers", documentMarkers, vocabSize), "input_ids"));
		String mask = g.op("Cast", List.of("attention_mask"), OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
		String afterQuery = g.op("Cast",
				List.of(g.op("Greater", List.of(g.op("CumSum", List.of(isQuery, cumsumAxis)), half))),
				OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
		String afterDocument = g.op("Cast",
				List.of(g.op("Greater", List.of(g.op("CumSum", List.of(isDocument, cumsumAxis)), half))),
				OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
		String counted = g.op("Mul", List.of(mask, isContent));
		String documentWeight = g.op("Mul", List.of(counted, afterDocument));
		String queryWeight = g.op("Mul",
				List.of(g.op("Mul", List.of(counted, afterQuery)), g.op("Sub", List.of(oneFloat, afterDocument))));
		String queryMean = runningMean(g, embedded, queryWeight, axis2, cumsumAxis, oneFloat);
		String documentMean = runningMean(g, embedded, documentWeight, axis2, cumsumAxis, oneFloat);
		String overlap = g.op("ReduceSum", List.of(g.op("Mul", List.of(queryMean, documentMean)), axis2),
				OnnxGraph.intAttribute("keepdims", 0));
		float[] own = new float[vocabSize];
		for (int id = 0; id < vocabSize; id++) {
			own[id] = OWN_WEIGHT * (id % 7);
		}
		String positive = g.op("Add", List.of(g.op("Mul", List.of(overlap, g.floats("scale", new float[] { SCALE }))),
				g.floats("bias", new float[] { BIAS })));
		positive = g.op("Add",
				List.of(positive, g.op("Gather", List.of(g.floats("own", own, vocabSize), "input_ids"))));
		if (shape == Shape.CAUSAL_LM) {
			String positions = g.op("Cast", List.of("position_ids"),
					OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
			positive = g.op("Add", List.of(positive,
					g.op("Mul", List.of(positions, g.floats("position_weight", new float[] { POSITION_WEIGHT })))));
			float[] positiveTokens = new float[vocabSize];
			positiveTokens[FixtureTokenizerJson.id(vocabulary, "yes")] = 1.0f;
			positiveTokens[FixtureTokenizerJson.id(vocabulary, "1")] = 1.0f;
			float[] negativeTokens = new float[vocabSize];
			negativeTokens[FixtureTokenizerJson.id(vocabulary, "no")] = NEGATIVE_LOGIT;
			negativeTokens[FixtureTokenizerJson.id(vocabulary, "0")] = NEGATIVE_LOGIT;
			String vocabularyRow = g.floats("positive_tokens", positiveTokens, vocabSize);
			g.op("Add", List.of(g.op("Mul", List.of(g.op("Unsqueeze", List.of(positive, axis2)), vocabularyRow)),
					g.floats("negative_tokens", negativeTokens, vocabSize)), "logits");
			g.proto().addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch", "sequence", vocabSize));
		}
		else {
			// Hugging Face: the rightmost token that is not the pad id
			String notPad = g.op("Cast",
					List.of(g.op("Not",
							List.of(g.op("Equal", List.of("input_ids", g.longs("pad_id", new long[] { padId })))))),
					OnnxGraph.intAttribute("to", DataType.FLOAT.getNumber()));
			String index = g.op("Sub", List.of(g.op("CumSum",
					List.of(g.op("Add",
							List.of(g.op("Mul", List.of(mask, g.floats("zero", new float[] { 0.0f }))), oneFloat)),
							cumsumAxis)),
					oneFloat));
			String last = g.op("ArgMax", List.of(g.op("Mul", List.of(index, notPad))),
					OnnxGraph.intAttribute("axis", 1), OnnxGraph.intAttribute("keepdims", 1));
			String difference = g.op("Sub", List.of(positive, g.floats("negative", new float[] { NEGATIVE_LOGIT })));
			g.op("GatherElements", List.of(difference, last), "logits", OnnxGraph.intAttribute("axis", 1));
			g.proto().addOutput(OnnxGraph.tensor("logits", DataType.FLOAT, "batch", 1));
		}
		return ModelProto.newBuilder()
			.setIrVersion(8)
			.setProducerName("reranker-test-fixtures")
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(14))
			.setGraph(g.proto())
			.build();
	}

	/** The mean of the weighted embeddings over positions up to each position. */
	private static String runningMean(OnnxGraph g, String embedded, String weight, String axis2, String cumsumAxis,
			String one) {
		String weighted = g.op("Mul", List.of(embedded, g.op("Unsqueeze", List.of(weight, axis2))));
		String sum = g.op("CumSum", List.of(weighted, cumsumAxis));
		String count = g.op("Max", List.of(g.op("CumSum", List.of(weight, cumsumAxis)), one));
		return g.op("Div", List.of(sum, g.op("Unsqueeze", List.of(count, axis2))));
	}

}

package dev.reranker.train.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a BERT-family checkpoint in Hugging Face layout: {@code tokenizer.json}, an
 * optional {@code config.json}, and the ONNX graph at {@code onnx/model.onnx} or
 * {@code model.onnx}. The encoder's shape comes from the weights; {@code config.json},
 * when present, supplies the head count and layer-norm epsilon, which are otherwise read
 * from the graph's attention reshapes and layer norms.
 */
public final class CheckpointReader {

	/** Tokenizer file name. */
	public static final String TOKENIZER = "tokenizer.json";

	/** Model configuration file name. */
	public static final String CONFIG = "config.json";

	/** Where the graph is looked for in a model folder, in order. */
	public static final List<String> GRAPH_CANDIDATES = List.of("onnx/model.onnx", "model.onnx");

	private static final float DEFAULT_LAYER_NORM_EPS = 1e-12f;

	private CheckpointReader() {
	}

	/**
	 * Reads a model folder in Hugging Face layout.
	 * @param directory the folder
	 * @return the checkpoint
	 * @throws CheckpointException naming the file that is missing or unusable
	 */
	public static Checkpoint read(Path directory) {
		if (!Files.isDirectory(directory)) {
			throw new CheckpointException(directory, "Checkpoint folder does not exist",
					"a folder in Hugging Face layout with " + TOKENIZER + " and " + GRAPH_CANDIDATES.get(0));
		}
		Path graph = GRAPH_CANDIDATES.stream()
			.map(directory::resolve)
			.filter(Files::isRegularFile)
			.findFirst()
			.orElseThrow(() -> new CheckpointException(directory, "No ONNX graph in the checkpoint folder",
					"one of " + GRAPH_CANDIDATES));
		Path config = directory.resolve(CONFIG);
		return read(graph, directory.resolve(TOKENIZER), Files.isRegularFile(config) ? config : null);
	}

	/**
	 * Reads a checkpoint from its files.
	 * @param graph the ONNX graph
	 * @param tokenizer the {@code tokenizer.json}
	 * @param config the {@code config.json}, or {@code null}
	 * @return the checkpoint
	 * @throws CheckpointException naming the file that is missing or unusable
	 */
	public static Checkpoint read(Path graph, Path tokenizer, @Nullable Path config) {
		if (!Files.isRegularFile(tokenizer)) {
			throw new CheckpointException(tokenizer, "Tokenizer file is missing",
					"the checkpoint's Hugging Face " + TOKENIZER);
		}
		ModelProto model;
		try (InputStream in = Files.newInputStream(graph)) {
			model = ModelProto.parseFrom(in);
		}
		catch (IOException ex) {
			throw new CheckpointException(graph, "Not a readable ONNX model (" + ex.getMessage() + ")",
					"an ONNX graph exported from a BERT-family model", ex);
		}
		JsonNode json = (config != null) ? readJson(config) : null;
		return fromModel(graph, model, tokenizer, json);
	}

	private static Checkpoint fromModel(Path file, ModelProto model, Path tokenizer, @Nullable JsonNode config) {
		GraphIndex graph = new GraphIndex(model.getGraph());
		Map<String, Binding> bindings = new WeightMapper(graph).map();
		Map<String, Tensor> weights = new LinkedHashMap<>();
		for (Map.Entry<String, Binding> entry : bindings.entrySet()) {
			TensorProto initializer = graph.initializer(entry.getValue().initializer());
			Tensor tensor = (initializer != null) ? OnnxTensors.floats(initializer) : null;
			if (tensor == null) {
				throw new CheckpointException(file,
						"Initializer " + entry.getValue().initializer() + " (" + entry.getKey()
								+ ") is not an fp32 tensor stored in the graph",
						"an fp32 export with its weights inside the .onnx file (not int8, not external data)");
			}
			weights.put(entry.getKey(), entry.getValue().transposed() ? tensor.transposed() : tensor);
		}
		EncoderConfig encoder = encoderConfig(file, graph, weights, config);
		List<String> missing = new ArrayList<>();
		for (String name : ParameterNames.encoder(encoder.layers())) {
			if (!weights.containsKey(name)) {
				missing.add(name);
			}
		}
		if (!missing.isEmpty()) {
			throw new CheckpointException(file, "No weights found for " + missing,
					"a BERT encoder graph (word, position and token type embeddings, and per layer query, key, "
							+ "value, attention output, intermediate and output projections with their layer norms)");
		}
		boolean hasHead = hasHead(file, weights, encoder);
		if (!hasHead) {
			ParameterNames.HEAD.forEach(weights::remove);
			ParameterNames.HEAD.forEach(bindings::remove);
		}
		return new Checkpoint(model, encoder, weights, bindings, hasHead,
				hasHead ? null : hiddenStates(file, model.getGraph(), encoder), tokenizer);
	}

	private static boolean hasHead(Path file, Map<String, Tensor> weights, EncoderConfig config) {
		long present = ParameterNames.HEAD.stream().filter(weights::containsKey).count();
		if (present == 0 || (present == 2 && !weights.containsKey(ParameterNames.CLASSIFIER_WEIGHT))) {
			// No head, or only BERT's pooler (sentence-embedding exports keep it): a
			// fresh head is added.
			return false;
		}
		if (present != ParameterNames.HEAD.size()) {
			throw new CheckpointException(file,
					"The classification head is incomplete: has only "
							+ ParameterNames.HEAD.stream().filter(weights::containsKey).toList(),
					"all of " + ParameterNames.HEAD);
		}
		Tensor classifierWeight = weights.get(ParameterNames.CLASSIFIER_WEIGHT);
		long[] classifier = (classifierWeight != null) ? classifierWeight.shape() : new long[0];
		if (classifier.length != 2 || classifier[0] != 1 || classifier[1] != config.hiddenSize()) {
			throw new CheckpointException(file,
					"The classifier has shape " + java.util.Arrays.toString(classifier) + ", not [1, "
							+ config.hiddenSize() + "]",
					"a cross-encoder with one logit (num_labels=1), or a plain encoder to which a head is added");
		}
		return true;
	}

	private static EncoderConfig encoderConfig(Path file, GraphIndex graph, Map<String, Tensor> weights,
			@Nullable JsonNode config) {
		Tensor words = weights.get("embeddings.word_embeddings.weight");
		Tensor positions = weights.get("embeddings.position_embeddings.weight");
		Tensor types = weights.get("embeddings.token_type_embeddings.weight");
		Tensor intermediate = weights.get(ParameterNames.layer(0, "intermediate.dense.bias"));
		if (words == null || positions == null || types == null || intermediate == null) {
			throw new CheckpointException(file, "The graph has no BERT embeddings or encoder layers",
					"a BERT-family encoder exported to ONNX with initializers named embeddings.* and "
							+ "encoder.layer.N.* (a bert. prefix is fine)");
		}
		int hidden = (int) words.shape()[1];
		int layers = 1 + weights.keySet().stream().mapToInt(ParameterNames::layerIndex).max().orElse(-1);
		Integer heads = intField(config, "num_attention_heads");
		if (heads == null) {
			heads = headsFromGraph(graph, hidden);
		}
		if (heads == null) {
			throw new CheckpointException(file, "The number of attention heads cannot be read from the graph",
					"a " + CONFIG + " next to the graph with num_attention_heads");
		}
		Float eps = floatField(config, "layer_norm_eps");
		if (eps == null) {
			eps = epsFromGraph(graph);
		}
		EncoderConfig encoder = new EncoderConfig((int) words.shape()[0], hidden, layers, heads,
				(int) intermediate.shape()[0], (int) positions.shape()[0], (int) types.shape()[0],
				(eps != null) ? eps : DEFAULT_LAYER_NORM_EPS);
		check(file, config, "hidden_size", encoder.hiddenSize());
		check(file, config, "num_hidden_layers", encoder.layers());
		check(file, config, "vocab_size", encoder.vocabSize());
		return encoder;
	}

	/**
	 * The head count from an attention reshape to
	 * {@code [batch, sequence, heads, head size]}.
	 */
	private static @Nullable Integer headsFromGraph(GraphIndex graph, int hidden) {
		for (NodeProto node : graph.graph().getNodeList()) {
			if (!node.getOpType().equals("Reshape") || node.getInputCount() < 2) {
				continue;
			}
			long[] shape = shape(graph, node.getInput(1));
			if (shape == null || shape.length != 4 || shape[3] <= 0) {
				continue;
			}
			if (shape[2] > 0 && shape[2] * shape[3] == hidden) {
				return (int) shape[2];
			}
			if (shape[2] == -1 && hidden % shape[3] == 0) {
				return (int) (hidden / shape[3]);
			}
		}
		return null;
	}

	/** A shape value that is a constant, or a Concat of parts (unknown parts as -2). */
	private static long @Nullable [] shape(GraphIndex graph, String value) {
		TensorProto constant = graph.constant(value);
		if (constant != null) {
			return OnnxTensors.longs(constant);
		}
		NodeProto producer = graph.producer(value);
		if (producer == null || !producer.getOpType().equals("Concat")) {
			return null;
		}
		long[] shape = new long[producer.getInputCount()];
		for (int i = 0; i < shape.length; i++) {
			TensorProto part = graph.constant(producer.getInput(i));
			long[] values = (part != null) ? OnnxTensors.longs(part) : null;
			shape[i] = (values != null && values.length == 1) ? values[0] : -2;
		}
		return shape;
	}

	/**
	 * Epsilon of a LayerNormalization node, or of the {@code Add} under a decomposed
	 * norm's Sqrt.
	 */
	private static @Nullable Float epsFromGraph(GraphIndex graph) {
		for (NodeProto node : graph.graph().getNodeList()) {
			if (node.getOpType().equals("LayerNormalization")) {
				Float eps = GraphIndex.floatAttribute(node, "epsilon");
				return (eps != null) ? eps : 1e-5f;
			}
			if (node.getOpType().equals("Sqrt")) {
				NodeProto add = graph.producer(node.getInput(0));
				if (add != null && add.getOpType().equals("Add")) {
					for (String input : add.getInputList()) {
						TensorProto constant = graph.constant(input);
						Tensor value = (constant != null) ? OnnxTensors.floats(constant) : null;
						if (value != null && value.values().length == 1) {
							return value.values()[0];
						}
					}
				}
			}
		}
		return null;
	}

	private static @Nullable String hiddenStates(Path file, GraphProto graph, EncoderConfig config) {
		for (ValueInfoProto output : graph.getOutputList()) {
			var shape = output.getType().getTensorType().getShape();
			if (shape.getDimCount() == 3
					&& (!shape.getDim(2).hasDimValue() || shape.getDim(2).getDimValue() == config.hiddenSize())) {
				return output.getName();
			}
		}
		throw new CheckpointException(file, "The encoder graph has no [batch, sequence, hidden] output",
				"a plain encoder whose output is last_hidden_state, or a cross-encoder with a one-logit head");
	}

	private static void check(Path file, @Nullable JsonNode config, String field, int actual) {
		Integer declared = intField(config, field);
		if (declared != null && declared != actual) {
			throw new CheckpointException(file,
					CONFIG + " says " + field + "=" + declared + " but the graph's weights have " + actual,
					"the " + CONFIG + " of the same model as the graph");
		}
	}

	private static JsonNode readJson(Path config) {
		try {
			JsonNode node = JsonMapper.builder().build().readTree(config.toFile());
			if (node == null || !node.isObject()) {
				throw new CheckpointException(config, "Not a JSON object", "Hugging Face's " + CONFIG);
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new CheckpointException(config, "Not valid JSON (" + ex.getOriginalMessage() + ")",
					"Hugging Face's " + CONFIG, ex);
		}
	}

	private static @Nullable Integer intField(@Nullable JsonNode config, String field) {
		JsonNode value = (config != null) ? config.get(field) : null;
		return (value != null && value.isNumber()) ? value.asInt() : null;
	}

	private static @Nullable Float floatField(@Nullable JsonNode config, String field) {
		JsonNode value = (config != null) ? config.get(field) : null;
		return (value != null && value.isNumber()) ? (float) value.asDouble() : null;
	}

}

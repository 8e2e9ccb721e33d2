package dev.reranker.train.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reranker.train.checkpoint.Binding;
import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.EncoderConfig;
import dev.reranker.train.checkpoint.OnnxTensors;
import dev.reranker.train.checkpoint.ParameterNames;
import dev.reranker.train.checkpoint.Tensor;

import org.springframework.util.Assert;

/**
 * Writes a trained cross-encoder in Hugging Face layout: {@code onnx/model.onnx} (the
 * start checkpoint's graph with the trained weights written into its initializers, and,
 * when the start was a plain encoder, the head added as nodes: {@code [CLS]} → dense →
 * tanh → one logit, output {@code logits}), {@code tokenizer.json} (the start's, padding
 * and truncation left to the consumer) and {@code config.json} (a
 * {@code BertForSequenceClassification} with one label).
 */
public final class ModelExporter {

	/** The graph's path in the folder. */
	public static final String GRAPH = "onnx/model.onnx";

	/** The output the exported graph returns, {@code [batch, 1]}. */
	public static final String LOGITS = "logits";

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private ModelExporter() {
	}

	/**
	 * Exports a model folder.
	 * @param start the start checkpoint
	 * @param weights the trained weights by parameter name, the head's included
	 * @param directory the folder to write (created; files in it are replaced)
	 * @return {@code directory}
	 */
	public static Path export(Checkpoint start, Map<String, Tensor> weights, Path directory) {
		for (String name : ParameterNames.all(start.config().layers())) {
			Assert.isTrue(weights.containsKey(name), () -> "no trained weights for " + name);
		}
		try {
			Files.createDirectories(directory.resolve(GRAPH).getParent());
			write(directory.resolve(GRAPH), graph(start, weights));
			writeTokenizer(start.tokenizer(), directory.resolve("tokenizer.json"));
			writeConfig(start.config(), directory.resolve("config.json"));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not export the model to " + directory, ex);
		}
	}

	static ModelProto graph(Checkpoint start, Map<String, Tensor> weights) {
		GraphProto.Builder graph = start.model().getGraph().toBuilder();
		Map<String, TensorProto> replacements = new HashMap<>();
		for (Map.Entry<String, Binding> entry : start.bindings().entrySet()) {
			Binding binding = entry.getValue();
			Tensor trained = weights.get(entry.getKey());
			Assert.state(trained != null, () -> "no trained weights for " + entry.getKey());
			replacements.put(binding.initializer(), OnnxTensors.floatTensor(binding.initializer(),
					binding.transposed() ? trained.transposed() : trained));
		}
		for (int i = 0; i < graph.getInitializerCount(); i++) {
			TensorProto replacement = replacements.get(graph.getInitializer(i).getName());
			if (replacement != null) {
				graph.setInitializer(i, replacement);
			}
		}
		if (!start.hasHead()) {
			addHead(graph, start, weights);
		}
		return start.model().toBuilder().setGraph(graph).build();
	}

	private static void addHead(GraphProto.Builder graph, Checkpoint start, Map<String, Tensor> weights) {
		String hiddenStates = start.hiddenStates();
		Assert.state(hiddenStates != null, "a plain encoder checkpoint names its hidden-states output");
		Set<String> taken = new HashSet<>();
		graph.getInitializerList().forEach((initializer) -> taken.add(initializer.getName()));
		graph.getNodeList().forEach((node) -> taken.addAll(node.getOutputList()));
		graph.getInputList().forEach((input) -> taken.add(input.getName()));
		Assert.state(!taken.contains(LOGITS), "the encoder graph already has a value named " + LOGITS);
		String poolerWeight = unique(taken, ParameterNames.POOLER_WEIGHT);
		String poolerBias = unique(taken, ParameterNames.POOLER_BIAS);
		String classifierWeight = unique(taken, ParameterNames.CLASSIFIER_WEIGHT);
		String classifierBias = unique(taken, ParameterNames.CLASSIFIER_BIAS);
		String first = unique(taken, "head.cls_index");
		graph.addInitializer(OnnxTensors.floatTensor(poolerWeight, required(weights, ParameterNames.POOLER_WEIGHT)));
		graph.addInitializer(OnnxTensors.floatTensor(poolerBias, required(weights, ParameterNames.POOLER_BIAS)));
		graph.addInitializer(
				OnnxTensors.floatTensor(classifierWeight, required(weights, ParameterNames.CLASSIFIER_WEIGHT)));
		graph
			.addInitializer(OnnxTensors.floatTensor(classifierBias, required(weights, ParameterNames.CLASSIFIER_BIAS)));
		// A scalar index: Gather over the sequence axis drops it, giving [batch, hidden].
		graph.addInitializer(OnnxTensors.longTensor(first, new long[] { 0 }));
		String cls = unique(taken, "head.cls");
		String dense = unique(taken, "head.pooler_dense");
		String pooled = unique(taken, "head.pooled");
		graph.addNode(node("Gather", List.of(hiddenStates, first), cls, intAttribute("axis", 1)));
		graph.addNode(node("Gemm", List.of(cls, poolerWeight, poolerBias), dense, intAttribute("transB", 1)));
		graph.addNode(node("Tanh", List.of(dense), pooled));
		graph.addNode(
				node("Gemm", List.of(pooled, classifierWeight, classifierBias), LOGITS, intAttribute("transB", 1)));
		graph.clearOutput();
		TensorShapeProto shape = TensorShapeProto.newBuilder()
			.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch_size"))
			.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
			.build();
		graph.addOutput(ValueInfoProto.newBuilder()
			.setName(LOGITS)
			.setType(TypeProto.newBuilder()
				.setTensorType(TypeProto.Tensor.newBuilder()
					.setElemType(TensorProto.DataType.FLOAT.getNumber())
					.setShape(shape))));
	}

	private static Tensor required(Map<String, Tensor> weights, String name) {
		Tensor tensor = weights.get(name);
		Assert.state(tensor != null, () -> "no trained weights for " + name);
		return tensor;
	}

	private static String unique(Set<String> taken, String name) {
		String candidate = name;
		for (int i = 1; taken.contains(candidate); i++) {
			candidate = name + "_" + i;
		}
		taken.add(candidate);
		return candidate;
	}

	private static NodeProto node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
		NodeProto.Builder node = NodeProto.newBuilder()
			.setOpType(opType)
			.setName("/head/" + output)
			.addAllInput(inputs)
			.addOutput(output);
		for (AttributeProto attribute : attributes) {
			node.addAttribute(attribute);
		}
		return node.build();
	}

	private static AttributeProto intAttribute(String name, long value) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
	}

	private static void write(Path file, ModelProto model) throws IOException {
		Path partial = file.resolveSibling(file.getFileName() + ".part");
		try (OutputStream out = Files.newOutputStream(partial)) {
			model.writeTo(out);
		}
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void writeTokenizer(Path source, Path target) {
		ObjectNode json = (ObjectNode) MAPPER.readTree(source.toFile());
		// The local provider pads and truncates per batch; a fixed setting in the file
		// would fight it.
		json.putNull("truncation");
		json.putNull("padding");
		MAPPER.writeValue(target.toFile(), json);
	}

	private static void writeConfig(EncoderConfig config, Path target) {
		ObjectNode json = MAPPER.createObjectNode();
		json.putArray("architectures").add("BertForSequenceClassification");
		json.put("model_type", "bert");
		json.put("vocab_size", config.vocabSize());
		json.put("hidden_size", config.hiddenSize());
		json.put("num_hidden_layers", config.layers());
		json.put("num_attention_heads", config.heads());
		json.put("intermediate_size", config.intermediateSize());
		json.put("hidden_act", "gelu");
		json.put("max_position_embeddings", config.maxPositions());
		json.put("type_vocab_size", config.typeVocabSize());
		json.put("layer_norm_eps", config.layerNormEps());
		json.put("num_labels", 1);
		json.putObject("id2label").put("0", "LABEL_0");
		json.putObject("label2id").put("LABEL_0", 0);
		json.put("problem_type", "regression");
		MAPPER.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), json);
	}

}

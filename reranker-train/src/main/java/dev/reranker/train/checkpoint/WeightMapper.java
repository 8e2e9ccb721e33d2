package dev.reranker.train.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.jspecify.annotations.Nullable;

/**
 * Maps the initializers of a BERT graph to parameter names. Initializers that kept their
 * PyTorch names map by name. A linear weight that export renamed (a {@code MatMul} weight
 * such as {@code onnx::MatMul_787}) maps by structure: its bias, the initializer added to
 * the {@code MatMul}'s output by the next {@code Add} node (or a {@code Gemm}'s third
 * input), names the layer; failing that, the node's scope ({@code /encoder/layer.0/
 * attention/self/query/MatMul}) does.
 */
final class WeightMapper {

	private final GraphIndex graph;

	WeightMapper(GraphIndex graph) {
		this.graph = graph;
	}

	/** Parameter name to binding, for every initializer that is a BERT parameter. */
	Map<String, Binding> map() {
		Map<String, Binding> bindings = new LinkedHashMap<>();
		for (NodeProto node : this.graph.graph().getNodeList()) {
			boolean matMul = node.getOpType().equals("MatMul");
			boolean gemm = node.getOpType().equals("Gemm");
			if ((!matMul && !gemm) || node.getInputCount() < 2 || !this.graph.isInitializer(node.getInput(1))) {
				continue;
			}
			String weight = node.getInput(1);
			// MatMul computes x·B, so B is the [in, out] transpose of a PyTorch weight;
			// Gemm with
			// transB=1 computes x·Bᵀ with B as PyTorch keeps it.
			boolean transposed = matMul || GraphIndex.intAttribute(node, "transB", 0) == 0;
			String name = weightName(node, weight);
			if (name != null) {
				bindings.putIfAbsent(name, new Binding(weight, transposed));
			}
		}
		for (TensorProto initializer : this.graph.graph().getInitializerList()) {
			String name = ParameterNames.canonical(initializer.getName());
			if (name != null && !bindings.containsKey(name)) {
				bindings.put(name, new Binding(initializer.getName(), false));
			}
		}
		return bindings;
	}

	private @Nullable String weightName(NodeProto node, String weight) {
		String byName = ParameterNames.canonical(weight);
		if (byName != null && byName.endsWith(".weight")) {
			return byName;
		}
		String bias = bias(node);
		if (bias != null) {
			String biasName = ParameterNames.canonical(bias);
			if (biasName != null && biasName.endsWith(".bias")) {
				return biasName.substring(0, biasName.length() - ".bias".length()) + ".weight";
			}
		}
		return fromScope(node.getName());
	}

	/**
	 * The initializer added to the node's output: Gemm's C, or the next Add's other
	 * input.
	 */
	private @Nullable String bias(NodeProto node) {
		if (node.getOpType().equals("Gemm")) {
			return (node.getInputCount() > 2 && this.graph.isInitializer(node.getInput(2))) ? node.getInput(2) : null;
		}
		for (NodeProto consumer : this.graph.consumers(node.getOutput(0))) {
			if (consumer.getOpType().equals("Add") && consumer.getInputCount() == 2) {
				String other = consumer.getInput(0).equals(node.getOutput(0)) ? consumer.getInput(1)
						: consumer.getInput(0);
				if (this.graph.isInitializer(other)) {
					return other;
				}
			}
		}
		return null;
	}

	/** {@code /bert/encoder/layer.0/attention/self/query/MatMul} to its weight's name. */
	private static @Nullable String fromScope(String nodeName) {
		int last = nodeName.lastIndexOf('/');
		if (last <= 0) {
			return null;
		}
		String scope = nodeName.substring(nodeName.startsWith("/") ? 1 : 0, last).replace('/', '.');
		return ParameterNames.canonical(scope + ".weight");
	}

}

package dev.reranker.train.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.jspecify.annotations.Nullable;

/**
 * Lookups over an ONNX graph: initializers by name, the node producing a value, the nodes
 * consuming it, and the value of constants.
 */
final class GraphIndex {

	private final GraphProto graph;

	private final Map<String, TensorProto> initializers = new HashMap<>();

	private final Map<String, NodeProto> producers = new HashMap<>();

	private final Map<String, List<NodeProto>> consumers = new HashMap<>();

	GraphIndex(GraphProto graph) {
		this.graph = graph;
		for (TensorProto initializer : graph.getInitializerList()) {
			this.initializers.put(initializer.getName(), initializer);
		}
		for (NodeProto node : graph.getNodeList()) {
			for (String output : node.getOutputList()) {
				this.producers.put(output, node);
			}
			for (String input : node.getInputList()) {
				this.consumers.computeIfAbsent(input, (key) -> new ArrayList<>()).add(node);
			}
		}
	}

	GraphProto graph() {
		return this.graph;
	}

	@Nullable TensorProto initializer(String name) {
		return this.initializers.get(name);
	}

	boolean isInitializer(String name) {
		return this.initializers.containsKey(name);
	}

	@Nullable NodeProto producer(String value) {
		return this.producers.get(value);
	}

	List<NodeProto> consumers(String value) {
		return this.consumers.getOrDefault(value, List.of());
	}

	/** The tensor behind a value that is an initializer or a Constant node's output. */
	@Nullable TensorProto constant(String value) {
		TensorProto initializer = this.initializers.get(value);
		if (initializer != null) {
			return initializer;
		}
		NodeProto producer = this.producers.get(value);
		if (producer != null && producer.getOpType().equals("Constant")) {
			for (AttributeProto attribute : producer.getAttributeList()) {
				if (attribute.getName().equals("value") && attribute.hasT()) {
					return attribute.getT();
				}
			}
		}
		return null;
	}

	static long intAttribute(NodeProto node, String name, long fallback) {
		for (AttributeProto attribute : node.getAttributeList()) {
			if (attribute.getName().equals(name)) {
				return attribute.getI();
			}
		}
		return fallback;
	}

	static @Nullable Float floatAttribute(NodeProto node, String name) {
		for (AttributeProto attribute : node.getAttributeList()) {
			if (attribute.getName().equals(name)) {
				return attribute.getF();
			}
		}
		return null;
	}

}

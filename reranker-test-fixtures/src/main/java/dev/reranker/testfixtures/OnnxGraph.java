package dev.reranker.testfixtures;

import java.util.ArrayList;
import java.util.List;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * Small helpers over the ONNX protobuf classes, enough to write the fixture graphs.
 */
final class OnnxGraph {

	private final GraphProto.Builder graph;

	private int counter;

	OnnxGraph(GraphProto.Builder graph) {
		this.graph = graph;
	}

	GraphProto.Builder proto() {
		return this.graph;
	}

	/** Declares a tensor value with named symbolic or fixed dimensions. */
	static ValueInfoProto tensor(String name, TensorProto.DataType type, Object... dims) {
		TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
		for (Object dim : dims) {
			if (dim instanceof String param) {
				shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(param));
			}
			else {
				shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) dim).longValue()));
			}
		}
		return ValueInfoProto.newBuilder()
			.setName(name)
			.setType(TypeProto.newBuilder()
				.setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
			.build();
	}

	String floats(String name, float[] values, long... dims) {
		TensorProto.Builder tensor = TensorProto.newBuilder()
			.setName(name)
			.setDataType(TensorProto.DataType.FLOAT.getNumber());
		for (long dim : dims) {
			tensor.addDims(dim);
		}
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(values.length * 4)
			.order(java.nio.ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(values);
		tensor.setRawData(com.google.protobuf.ByteString.copyFrom(buffer.array()));
		this.graph.addInitializer(tensor);
		return name;
	}

	String longs(String name, long[] values, long... dims) {
		TensorProto.Builder tensor = TensorProto.newBuilder()
			.setName(name)
			.setDataType(TensorProto.DataType.INT64.getNumber());
		for (long dim : dims) {
			tensor.addDims(dim);
		}
		for (long value : values) {
			tensor.addInt64Data(value);
		}
		this.graph.addInitializer(tensor);
		return name;
	}

	/** Adds a node with one output and returns the output's name. */
	String op(String opType, List<String> inputs, AttributeProto... attributes) {
		String output = opType.toLowerCase() + "_" + (this.counter++);
		op(opType, inputs, output, attributes);
		return output;
	}

	void op(String opType, List<String> inputs, String output, AttributeProto... attributes) {
		NodeProto.Builder node = NodeProto.newBuilder()
			.setOpType(opType)
			.setName("fixture_" + output)
			.addAllInput(new ArrayList<>(inputs))
			.addOutput(output);
		for (AttributeProto attribute : attributes) {
			node.addAttribute(attribute);
		}
		this.graph.addNode(node);
	}

	/**
	 * Moves the raw data of initializers of at least {@code threshold} bytes to a data
	 * file, as ONNX's external data format (location relative to the graph, offset,
	 * length).
	 */
	static ModelProto withExternalData(ModelProto model, java.nio.file.Path dataFile, int threshold)
			throws java.io.IOException {
		GraphProto.Builder graph = model.getGraph().toBuilder();
		try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(dataFile)) {
			long offset = 0;
			for (int i = 0; i < graph.getInitializerCount(); i++) {
				TensorProto tensor = graph.getInitializer(i);
				if (tensor.getRawData().size() < threshold) {
					continue;
				}
				byte[] data = tensor.getRawData().toByteArray();
				out.write(data);
				graph.setInitializer(i,
						tensor.toBuilder()
							.clearRawData()
							.setDataLocation(TensorProto.DataLocation.EXTERNAL)
							.addExternalData(entry("location", dataFile.getFileName().toString()))
							.addExternalData(entry("offset", String.valueOf(offset)))
							.addExternalData(entry("length", String.valueOf(data.length))));
				offset += data.length;
			}
		}
		return model.toBuilder().setGraph(graph).build();
	}

	private static StringStringEntryProto entry(String key, String value) {
		return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
	}

	static AttributeProto intAttribute(String name, long value) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
	}

	static AttributeProto intsAttribute(String name, long... values) {
		AttributeProto.Builder attribute = AttributeProto.newBuilder()
			.setName(name)
			.setType(AttributeProto.AttributeType.INTS);
		for (long value : values) {
			attribute.addInts(value);
		}
		return attribute.build();
	}

	static AttributeProto floatAttribute(String name, float value) {
		return AttributeProto.newBuilder()
			.setName(name)
			.setType(AttributeProto.AttributeType.FLOAT)
			.setF(value)
			.build();
	}

}

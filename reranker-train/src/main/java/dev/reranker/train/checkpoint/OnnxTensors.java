package dev.reranker.train.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the values of ONNX tensors (raw little-endian data or typed lists).
 */
public final class OnnxTensors {

	private OnnxTensors() {
	}

	/**
	 * The values of a float tensor.
	 * @param tensor the tensor
	 * @return the tensor, or {@code null} when it is not fp32 or keeps its data outside
	 * the graph
	 */
	public static @Nullable Tensor floats(TensorProto tensor) {
		if (tensor.getDataType() != TensorProto.DataType.FLOAT.getNumber()
				|| tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
			return null;
		}
		long[] shape = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
		float[] values;
		if (!tensor.getRawData().isEmpty()) {
			values = new float[tensor.getRawData().size() / Float.BYTES];
			tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
		}
		else {
			values = new float[tensor.getFloatDataCount()];
			for (int i = 0; i < values.length; i++) {
				values[i] = tensor.getFloatData(i);
			}
		}
		return (Tensor.size(shape) == values.length) ? new Tensor(shape, values) : null;
	}

	/**
	 * The values of an integer tensor (int64 or int32).
	 * @param tensor the tensor
	 * @return the values, or {@code null} for other types
	 */
	public static long @Nullable [] longs(TensorProto tensor) {
		boolean int64 = tensor.getDataType() == TensorProto.DataType.INT64.getNumber();
		boolean int32 = tensor.getDataType() == TensorProto.DataType.INT32.getNumber();
		if (!int64 && !int32) {
			return null;
		}
		if (!tensor.getRawData().isEmpty()) {
			ByteBuffer buffer = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
			long[] values = new long[tensor.getRawData().size() / (int64 ? Long.BYTES : Integer.BYTES)];
			for (int i = 0; i < values.length; i++) {
				values[i] = int64 ? buffer.getLong() : buffer.getInt();
			}
			return values;
		}
		return int64 ? tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray()
				: tensor.getInt32DataList().stream().mapToLong(Integer::longValue).toArray();
	}

	/**
	 * A float initializer holding the given values.
	 * @param name the initializer name
	 * @param tensor the values
	 * @return the tensor proto (raw data)
	 */
	public static TensorProto floatTensor(String name, Tensor tensor) {
		TensorProto.Builder builder = TensorProto.newBuilder()
			.setName(name)
			.setDataType(TensorProto.DataType.FLOAT.getNumber());
		for (long dim : tensor.shape()) {
			builder.addDims(dim);
		}
		ByteBuffer buffer = ByteBuffer.allocate(tensor.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(tensor.values());
		return builder.setRawData(ByteString.copyFrom(buffer.array())).build();
	}

	/**
	 * An int64 initializer.
	 * @param name the initializer name
	 * @param values the values
	 * @param dims the shape
	 * @return the tensor proto
	 */
	public static TensorProto longTensor(String name, long[] values, long... dims) {
		TensorProto.Builder builder = TensorProto.newBuilder()
			.setName(name)
			.setDataType(TensorProto.DataType.INT64.getNumber());
		for (long dim : dims) {
			builder.addDims(dim);
		}
		for (long value : values) {
			builder.addInt64Data(value);
		}
		return builder.build();
	}

}

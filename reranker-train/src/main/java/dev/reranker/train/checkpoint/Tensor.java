package dev.reranker.train.checkpoint;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * A dense fp32 tensor in row-major order.
 *
 * @param shape the dimensions
 * @param values the values, {@code product(shape)} of them
 */
public record Tensor(long[] shape, float[] values) {

	public Tensor {
		Assert.isTrue(size(shape) == values.length,
				() -> "shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
	}

	/** The number of values a shape holds. */
	public static long size(long[] shape) {
		long size = 1;
		for (long dim : shape) {
			size *= dim;
		}
		return size;
	}

	/** The transpose of a matrix. */
	public Tensor transposed() {
		Assert.state(this.shape.length == 2, "only a matrix can be transposed");
		int rows = (int) this.shape[0];
		int columns = (int) this.shape[1];
		float[] out = new float[this.values.length];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				out[c * rows + r] = this.values[r * columns + c];
			}
		}
		return new Tensor(new long[] { columns, rows }, out);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Tensor tensor && Arrays.equals(this.shape, tensor.shape)
				&& Arrays.equals(this.values, tensor.values);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.shape) + Arrays.hashCode(this.values);
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(this.shape);
	}

}

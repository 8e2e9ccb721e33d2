package dev.reranker.train.checkpoint;

/**
 * Where a parameter lives in the ONNX graph.
 *
 * @param initializer the initializer's name
 * @param transposed whether the initializer holds the transpose of the parameter (a
 * linear weight that feeds a {@code MatMul} as {@code [in, out]})
 */
public record Binding(String initializer, boolean transposed) {
}

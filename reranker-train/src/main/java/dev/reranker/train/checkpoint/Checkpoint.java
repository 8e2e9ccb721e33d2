package dev.reranker.train.checkpoint;

import java.nio.file.Path;
import java.util.Map;

import ai.onnx.proto.OnnxMl.ModelProto;
import org.jspecify.annotations.Nullable;

/**
 * A start checkpoint read from an ONNX graph: the encoder's shape, its weights by
 * parameter name (PyTorch layout, see {@link ParameterNames}), where each weight lives in
 * the graph, and the graph itself, into which the export writes trained weights back.
 *
 * @param model the ONNX model as read
 * @param config the encoder's shape
 * @param weights the weights by parameter name, the head's included when the graph has
 * one
 * @param bindings where each parameter of {@code weights} lives in the graph
 * @param hasHead whether the graph is a cross-encoder (pooler and a one-logit classifier)
 * @param hiddenStates the graph output holding {@code [batch, sequence, hidden]} states
 * of a plain encoder, {@code null} for a cross-encoder
 * @param tokenizer the checkpoint's {@code tokenizer.json}
 */
public record Checkpoint(ModelProto model, EncoderConfig config, Map<String, Tensor> weights,
		Map<String, Binding> bindings, boolean hasHead, @Nullable String hiddenStates, Path tokenizer) {

	public Checkpoint {
		weights = Map.copyOf(weights);
		bindings = Map.copyOf(bindings);
	}

}

package dev.reranker.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the graph is fed and which of its outputs is read: the inputs it declares (each
 * one the tokenizer can fill), the output named {@code logits} when there are several,
 * and, for a causal-LM graph ({@code [batch, sequence, vocabulary]}), the two vocabulary
 * entries read at the last position.
 *
 * @param inputs the graph's inputs in declaration order, each one of {@link #KNOWN}
 * @param output the output to read by name, or null for the first
 * @param tokens vocabulary ids read from a three-dimensional output (negative first,
 * positive last), or null for an encoder
 */
record GraphSignature(List<String> inputs, @Nullable String output, long @Nullable [] tokens) {

	static final String INPUT_IDS = "input_ids";

	static final String ATTENTION_MASK = "attention_mask";

	static final String TOKEN_TYPE_IDS = "token_type_ids";

	static final String POSITION_IDS = "position_ids";

	/** The inputs the tokenizer can fill. */
	static final List<String> KNOWN = List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS, POSITION_IDS);

	/** The output read when a graph has several. */
	static final String LOGITS = "logits";

	/**
	 * TorchScript does not name inputs: BERT's positional order, as the fixtures export
	 * it.
	 */
	static final List<String> POSITIONAL = List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

	/**
	 * The signature of a graph.
	 * @param inputNames the graph's inputs, empty when the engine does not name them
	 * @param outputNames the graph's outputs, empty when unknown
	 * @param tokens vocabulary ids to read from a causal-LM output, or null
	 * @param model the graph file, for errors
	 * @return the signature
	 * @throws LocalModelException when an input is missing or not one the tokenizer can
	 * fill
	 */
	static GraphSignature of(List<String> inputNames, List<String> outputNames, long @Nullable [] tokens,
			java.nio.file.Path model) {
		if (inputNames.isEmpty()) {
			return new GraphSignature(POSITIONAL, null, tokens);
		}
		List<String> unexpected = new ArrayList<>(inputNames);
		unexpected.removeAll(KNOWN);
		if (!inputNames.contains(INPUT_IDS) || !inputNames.contains(ATTENTION_MASK) || !unexpected.isEmpty()) {
			throw new LocalModelException(model,
					"Graph inputs are " + inputNames
							+ (unexpected.isEmpty() ? "" : " (the tokenizer cannot fill " + unexpected + ")"),
					"a reranker graph with inputs input_ids and attention_mask (and optionally token_type_ids and "
							+ "position_ids), int64 [batch, sequence], exported without past key values");
		}
		String output = (outputNames.size() > 1 && outputNames.contains(LOGITS)) ? LOGITS : null;
		if (outputNames.size() > 1 && output == null) {
			throw new LocalModelException(model, noLogitsOutput(outputNames),
					"a graph whose scores are the output named logits (or its only output)");
		}
		return new GraphSignature(List.copyOf(inputNames), output, tokens);
	}

	/** The error when a graph has several outputs and none is named logits. */
	static String noLogitsOutput(List<String> outputNames) {
		return "Graph has outputs " + outputNames + " but none is named " + LOGITS;
	}

	/**
	 * The index of the output to read among the graph's outputs.
	 * @param outputNames the outputs in order
	 * @return the index, 0 when no name is chosen
	 */
	int outputIndex(List<String> outputNames) {
		return (this.output != null) ? Math.max(0, outputNames.indexOf(this.output)) : 0;
	}

	/**
	 * Reshapes a flat output of {@code rows} rows: {@code [rows]} and
	 * {@code [rows, labels]} as they are; {@code [rows, sequence, vocabulary]} (a causal
	 * LM, left-padded so the last position is every row's last token) to the logits of
	 * {@link #tokens()} at the last position.
	 */
	float[][] rows(float[] flat, long[] shape, int rows) {
		if (shape.length == 3 && shape[0] == rows && this.tokens != null) {
			int sequence = (int) shape[1];
			int vocabulary = (int) shape[2];
			float[][] result = new float[rows][this.tokens.length];
			for (int r = 0; r < rows; r++) {
				int last = (r * sequence + sequence - 1) * vocabulary;
				for (int t = 0; t < this.tokens.length; t++) {
					result[r][t] = flat[last + (int) this.tokens[t]];
				}
			}
			return result;
		}
		if (shape.length == 0 || shape[0] != rows || shape.length > 2) {
			throw new IllegalStateException("expected the output to have shape [batch, labels]"
					+ ((this.tokens != null) ? " or [batch, sequence, vocabulary]" : "") + " with batch=" + rows
					+ " but it had shape " + Arrays.toString(shape));
		}
		int labels = (shape.length == 1) ? 1 : (int) shape[1];
		float[][] result = new float[rows][labels];
		for (int r = 0; r < rows; r++) {
			System.arraycopy(flat, r * labels, result[r], 0, labels);
		}
		return result;
	}

	/**
	 * The value fed to an input.
	 * @param name the input
	 * @param batch the batch
	 * @return the row-major values
	 */
	static long[] values(String name, EncodedBatch batch) {
		return switch (name) {
			case INPUT_IDS -> batch.ids();
			case ATTENTION_MASK -> batch.attentionMask();
			case TOKEN_TYPE_IDS -> batch.typeIds();
			case POSITION_IDS -> batch.positionIds();
			default -> throw new IllegalArgumentException("not an input the tokenizer fills: " + name);
		};
	}

}

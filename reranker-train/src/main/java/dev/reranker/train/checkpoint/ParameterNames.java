package dev.reranker.train.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The parameter names of a BERT cross-encoder, as Hugging Face's
 * {@code BertForSequenceClassification} names them without the {@code bert.} prefix.
 * Linear weights are {@code [out, in]}, as in PyTorch.
 */
public final class ParameterNames {

	/** The pooler's dense weight. */
	public static final String POOLER_WEIGHT = "pooler.dense.weight";

	/** The pooler's dense bias. */
	public static final String POOLER_BIAS = "pooler.dense.bias";

	/** The one-logit classifier's weight ({@code [1, hidden]}). */
	public static final String CLASSIFIER_WEIGHT = "classifier.weight";

	/** The classifier's bias ({@code [1]}). */
	public static final String CLASSIFIER_BIAS = "classifier.bias";

	/** The classification head: pooler and classifier. */
	public static final List<String> HEAD = List.of(POOLER_WEIGHT, POOLER_BIAS, CLASSIFIER_WEIGHT, CLASSIFIER_BIAS);

	private static final List<String> EMBEDDINGS = List.of("embeddings.word_embeddings.weight",
			"embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
			"embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias");

	private static final List<String> LAYER = List.of("attention.self.query.weight", "attention.self.query.bias",
			"attention.self.key.weight", "attention.self.key.bias", "attention.self.value.weight",
			"attention.self.value.bias", "attention.output.dense.weight", "attention.output.dense.bias",
			"attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias", "intermediate.dense.weight",
			"intermediate.dense.bias", "output.dense.weight", "output.dense.bias", "output.LayerNorm.weight",
			"output.LayerNorm.bias");

	private static final Pattern KNOWN = Pattern.compile("embeddings\\.(word_embeddings|position_embeddings|"
			+ "token_type_embeddings)\\.weight|embeddings\\.LayerNorm\\.(weight|bias)"
			+ "|encoder\\.layer\\.\\d+\\.(attention\\.self\\.(query|key|value)|attention\\.output\\.dense"
			+ "|attention\\.output\\.LayerNorm|intermediate\\.dense|output\\.dense|output\\.LayerNorm)\\.(weight|bias)"
			+ "|pooler\\.dense\\.(weight|bias)|classifier\\.(weight|bias)");

	private static final Pattern LAYER_INDEX = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");

	private ParameterNames() {
	}

	/** The encoder's parameters (embeddings and every layer), in forward order. */
	public static List<String> encoder(int layers) {
		List<String> names = new ArrayList<>(EMBEDDINGS);
		for (int layer = 0; layer < layers; layer++) {
			for (String name : LAYER) {
				names.add(layer(layer, name));
			}
		}
		return names;
	}

	/** The encoder's and the head's parameters. */
	public static List<String> all(int layers) {
		List<String> names = encoder(layers);
		names.addAll(HEAD);
		return names;
	}

	/**
	 * The name of a parameter of one layer, e.g. {@code layer(2, "output.dense.bias")}.
	 */
	public static String layer(int layer, String name) {
		return "encoder.layer." + layer + "." + name;
	}

	/**
	 * The canonical name of an initializer or scope name, or {@code null} when it names
	 * no BERT parameter: a {@code bert.} prefix is dropped.
	 */
	static @Nullable String canonical(String name) {
		String stripped = name.startsWith("bert.") ? name.substring("bert.".length()) : name;
		return KNOWN.matcher(stripped).matches() ? stripped : null;
	}

	/** The layer index of a layer parameter, or -1. */
	static int layerIndex(String name) {
		var matcher = LAYER_INDEX.matcher(name);
		return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
	}

}

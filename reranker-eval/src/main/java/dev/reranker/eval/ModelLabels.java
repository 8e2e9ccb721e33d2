package dev.reranker.eval;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankModel;

import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.core.env.Environment;

/**
 * Names models in configuration labels from where they were loaded, so that a report says
 * which model produced a figure ({@code bge-small-en-v1.5, fp32, mean pooling}), not
 * which bean did.
 */
final class ModelLabels {

	/**
	 * Spring AI's {@code TransformersEmbeddingModel} always averages the token vectors
	 * (its pooling is not configurable in Spring AI 2.0.0).
	 */
	static final String TRANSFORMERS_POOLING = "mean pooling";

	/** Where Spring AI's transformers auto-configuration reads its ONNX graph from. */
	static final String TRANSFORMERS_MODEL_URI = "spring.ai.embedding.transformer.onnx.model-uri";

	/** The tokenizer's maximum length in Spring AI's transformers auto-configuration. */
	static final String TRANSFORMERS_MAX_LENGTH = "spring.ai.embedding.transformer.tokenizer.options.maxLength";

	private ModelLabels() {
	}

	/**
	 * The label of a started rerank provider: its name and what it runs.
	 * @param name the provider ({@code reranker.provider})
	 * @param model the provider's model bean
	 * @param environment the provider context's environment
	 * @param transformers whether the 'embedding' provider wraps Spring AI's
	 * {@code TransformersEmbeddingModel}
	 * @param variant the variant's name, or {@code null}
	 * @return e.g. {@code embedding (bge-small-en-v1.5, fp32, mean pooling, 512 tokens)}
	 */
	static String provider(String name, RerankModel model, Environment environment, boolean transformers,
			@Nullable String variant) {
		String what = model.getDefaultOptions().getModel();
		if (name.equals("embedding") && transformers) {
			what = transformersEmbedding(transformersModel(environment),
					environment.getProperty(TRANSFORMERS_MAX_LENGTH, Integer.class));
		}
		else if (name.equals("local")) {
			String file = environment.getProperty("reranker.local.model-file");
			String source = (what != null) ? what : "the class path's model";
			what = source + ((file != null) ? ", " + file : "") + ", " + precision((file != null) ? file : source);
		}
		return model.getProviderName() + ((what != null) ? " (" + what + ")" : "")
				+ ((variant != null) ? " [" + variant + "]" : "");
	}

	/**
	 * @param environment the provider context's environment
	 * @return the ONNX graph Spring AI's transformers auto-configuration loads
	 */
	static String transformersModel(Environment environment) {
		return environment.getProperty(TRANSFORMERS_MODEL_URI, TransformersEmbeddingModel.DEFAULT_ONNX_MODEL_URI);
	}

	/**
	 * A note for the report when a model trained with CLS pooling is run mean-pooled.
	 * @param location the embedding model's location
	 * @return the note, or {@code null} when the model's pooling is not known to differ
	 */
	static @Nullable String poolingNote(String location) {
		String model = modelName(location);
		if (!model.toLowerCase(Locale.ROOT).contains("bge")) {
			return null;
		}
		return model + " was trained with CLS pooling (the first token's vector), but Spring AI's"
				+ " TransformersEmbeddingModel always mean-pools the token vectors (Spring AI 2.0.0 has no pooling"
				+ " setting), so its figures are for mean pooling and may understate the model.";
	}

	/**
	 * Describes an ONNX sentence-embedding model run by
	 * {@code TransformersEmbeddingModel}.
	 * @param location the model's resource location
	 * @param maxLength tokens per text, or {@code null} when not known
	 * @return e.g. {@code all-minilm-l6-v2, fp32, mean pooling, 256 tokens}
	 */
	static String transformersEmbedding(String location, @Nullable Integer maxLength) {
		return modelName(location) + ", " + precision(location) + ", " + TRANSFORMERS_POOLING
				+ ((maxLength != null) ? ", " + maxLength + " tokens" : "");
	}

	/**
	 * The model's name from its location: the file name without extension, or the folder
	 * name when the file has a generic name ({@code model.onnx},
	 * {@code onnx/model.onnx}).
	 * @param location a resource location, path or Hugging Face id
	 * @return the name
	 */
	static String modelName(String location) {
		String path = location.replaceFirst("^[a-z]+:", "").replace('\\', '/');
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String[] parts = path.split("/");
		for (int i = parts.length - 1; i >= 0; i--) {
			String part = parts[i].replaceFirst("\\.(onnx|pt|bin)$", "");
			if (!part.isBlank() && !part.equals("onnx") && !part.startsWith("model")) {
				return part;
			}
		}
		return location;
	}

	/**
	 * The precision a graph's file name announces; fp32 unless it says otherwise.
	 * @param location the graph's location
	 * @return {@code int8}, {@code fp16} or {@code fp32}
	 */
	static String precision(String location) {
		String name = location.toLowerCase(Locale.ROOT);
		if (name.contains("quantized") || name.contains("int8") || name.contains("qint8") || name.contains("q8")) {
			return "int8";
		}
		return name.contains("fp16") ? "fp16" : "fp32";
	}

}

package dev.reranker.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The files of a cross-encoder in Hugging Face layout: {@code tokenizer.json}, an
 * optional {@code config.json}, and the graph at {@code model.onnx} or
 * {@code onnx/model.onnx} (or a configured variant such as
 * {@code onnx/model_quantized.onnx}).
 *
 * @param model the graph (ONNX, or TorchScript for the PyTorch engine)
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 * @param config the Hugging Face {@code config.json}, when present
 */
public record LocalModelFiles(Path model, Path tokenizer, @Nullable Path config) {

	/** The tokenizer file name. */
	public static final String TOKENIZER = "tokenizer.json";

	/** The model configuration file name. */
	public static final String CONFIG = "config.json";

	/**
	 * The tokenizer configuration file name (pad token, model_max_length), optional, read
	 * beside {@code tokenizer.json}.
	 */
	public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

	/**
	 * The {@code tokenizer_config.json} beside {@code tokenizer.json}, when present.
	 * @return the file or {@code null}
	 */
	public @Nullable Path tokenizerConfig() {
		Path file = this.tokenizer.resolveSibling(TOKENIZER_CONFIG);
		return Files.isRegularFile(file) ? file : null;
	}

	/**
	 * Finds the files in a model directory.
	 * @param directory the model directory
	 * @param modelFile the graph's path relative to the directory, or {@code null} for
	 * the engine's default name at the root or under {@code onnx/}
	 * @param engine the engine, which decides the default graph name
	 * @return the files
	 * @throws LocalModelException naming the first missing file
	 */
	public static LocalModelFiles inDirectory(Path directory, @Nullable String modelFile, LocalEngine engine) {
		if (!Files.isDirectory(directory)) {
			throw new LocalModelException(directory, "Model directory does not exist",
					"a directory in Hugging Face layout holding " + TOKENIZER + " and " + engine.defaultModelFile()
							+ " (set " + LocalSetting.MODEL + ")");
		}
		Path model = null;
		List<String> candidates = candidates(modelFile, engine);
		for (String candidate : candidates) {
			Path path = directory.resolve(candidate);
			if (Files.isRegularFile(path)) {
				model = path;
				break;
			}
		}
		if (model == null) {
			List<String> present = variants(directory);
			throw new LocalModelException(directory.resolve(candidates.get(0)), "Model file is missing"
					+ (present.isEmpty() ? " (no graph in the directory)" : " (graphs present: " + present + ")"),
					"one of " + candidates + " in " + directory + " (set " + LocalSetting.MODEL_FILE
							+ " to pick another file" + (present.isEmpty() ? "" : ", e.g. " + present.get(0)) + ")");
		}
		Path tokenizer = directory.resolve(TOKENIZER);
		if (!Files.isRegularFile(tokenizer)) {
			throw new LocalModelException(tokenizer, "Tokenizer file is missing",
					"the model's Hugging Face " + TOKENIZER + " next to the model");
		}
		Path config = directory.resolve(CONFIG);
		return new LocalModelFiles(model, tokenizer, Files.isRegularFile(config) ? config : null);
	}

	/**
	 * The graphs ({@code .onnx}, {@code .pt}) at the root of a model directory and under
	 * {@code onnx/}, as paths relative to it, sorted.
	 * @param directory the model directory
	 * @return the variants present
	 */
	static List<String> variants(Path directory) {
		List<String> variants = new ArrayList<>();
		for (String folder : List.of("", "onnx/")) {
			Path dir = directory.resolve(folder);
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (java.util.stream.Stream<Path> files = Files.list(dir)) {
				files.filter(Files::isRegularFile)
					.map((file) -> folder + file.getFileName())
					.filter((name) -> name.endsWith(".onnx") || name.endsWith(".pt"))
					.forEach(variants::add);
			}
			catch (java.io.IOException ex) {
				// listing is only a hint in an error message
			}
		}
		variants.sort(null);
		return variants;
	}

	/**
	 * The relative paths tried for the graph, in order.
	 * @param modelFile the configured file or {@code null}
	 * @param engine the engine
	 * @return the candidates
	 */
	public static List<String> candidates(@Nullable String modelFile, LocalEngine engine) {
		List<String> candidates = new ArrayList<>();
		if (modelFile != null && !modelFile.isBlank()) {
			candidates.add(modelFile);
			if (!modelFile.contains("/") && engine == LocalEngine.ONNX_RUNTIME) {
				candidates.add("onnx/" + modelFile);
			}
		}
		else {
			candidates.add(engine.defaultModelFile());
			if (engine == LocalEngine.ONNX_RUNTIME) {
				candidates.add("onnx/" + engine.defaultModelFile());
			}
		}
		return candidates;
	}

}

package dev.reranker.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.ResourceUtils;

/**
 * Turns a configured model location into model files: a {@code file:} directory, a
 * {@code classpath:} location (copied to the cache when it lives inside a jar), or a
 * Hugging Face repository id downloaded through a {@link HuggingFaceHub}.
 */
public final class LocalModelLocation {

	private LocalModelLocation() {
	}

	/**
	 * Resolves a model location.
	 * @param location {@code file:<dir>}, {@code classpath:<dir>} or a repository id
	 * @param modelFile the graph's relative path, or {@code null} for the default
	 * @param engine the engine
	 * @param hub the hub for repository ids (only used for those)
	 * @param classLoader the class loader for {@code classpath:} locations
	 * @param cacheDirectory where {@code classpath:} models inside jars are copied
	 * @return the model files
	 * @throws LocalModelException when a file is missing or cannot be had
	 */
	public static LocalModelFiles resolve(String location, @Nullable String modelFile, LocalEngine engine,
			HuggingFaceHub hub, @Nullable ClassLoader classLoader, Path cacheDirectory) {
		if (location.startsWith(ResourceUtils.FILE_URL_PREFIX) || location.startsWith("/")) {
			Path directory = Path.of(location.startsWith("/") ? location
					: location.substring(ResourceUtils.FILE_URL_PREFIX.length()).replaceFirst("^//", ""));
			return LocalModelFiles.inDirectory(directory, modelFile, engine);
		}
		if (location.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX)) {
			return fromClasspath(location, modelFile, engine, classLoader, cacheDirectory);
		}
		if (HuggingFaceHub.isRepositoryId(location)) {
			return hub.fetch(location, modelFile, engine);
		}
		throw new LocalModelException(null, LocalSetting.MODEL + "='" + location + "' is not a model location",
				"a Hugging Face repository id (org/name), file:<directory> or classpath:<directory>");
	}

	private static LocalModelFiles fromClasspath(String location, @Nullable String modelFile, LocalEngine engine,
			@Nullable ClassLoader classLoader, Path cacheDirectory) {
		String base = location.endsWith("/") ? location : location + "/";
		DefaultResourceLoader loader = new DefaultResourceLoader(classLoader);
		Resource tokenizer = loader.getResource(base + LocalModelFiles.TOKENIZER);
		if (!tokenizer.exists()) {
			throw new LocalModelException(null, "No " + LocalModelFiles.TOKENIZER + " at " + base,
					"a model directory in Hugging Face layout on the class path at " + location);
		}
		try {
			if (tokenizer.isFile()) {
				Path directory = tokenizer.getFile().getAbsoluteFile().toPath().getParent();
				Assert.state(directory != null, () -> "No folder holds " + tokenizer);
				return LocalModelFiles.inDirectory(directory, modelFile, engine);
			}
			String path = base.substring(ResourceUtils.CLASSPATH_URL_PREFIX.length()).replaceAll("^/+|/+$", "");
			Path directory = cacheDirectory.resolve("classpath").resolve(path.replace('/', '-'));
			copy(loader.getResource(base + LocalModelFiles.TOKENIZER), directory.resolve(LocalModelFiles.TOKENIZER));
			for (String optional : List.of(LocalModelFiles.CONFIG, LocalModelFiles.TOKENIZER_CONFIG)) {
				Resource resource = loader.getResource(base + optional);
				if (resource.exists()) {
					copy(resource, directory.resolve(optional));
				}
			}
			List<String> candidates = LocalModelFiles.candidates(modelFile, engine);
			for (String candidate : candidates) {
				Resource model = loader.getResource(base + candidate);
				if (model.exists()) {
					// ONNX Runtime reads external data beside the graph
					for (String suffix : HuggingFaceHub.EXTERNAL_DATA_SUFFIXES) {
						Resource data = loader.getResource(base + candidate + suffix);
						if (data.exists()) {
							copy(data, directory.resolve(candidate + suffix));
						}
					}
					copy(model, directory.resolve(candidate));
					break;
				}
			}
			return LocalModelFiles.inDirectory(directory, modelFile, engine);
		}
		catch (IOException ex) {
			throw new LocalModelException(null,
					"Could not read the model at " + location + " (" + ex.getMessage() + ")",
					"a readable model directory on the class path", ex);
		}
	}

	private static void copy(Resource resource, Path target) throws IOException {
		if (Files.isRegularFile(target) && Files.size(target) == resource.contentLength()) {
			return;
		}
		Files.createDirectories(target.getParent());
		Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
		try (InputStream in = resource.getInputStream()) {
			Files.copy(in, partial);
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

}

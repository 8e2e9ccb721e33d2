package dev.reranker.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the graph ONNX Runtime optimized for this machine beside the model file, so the
 * next start loads it instead of optimizing again. The file's name carries a hash of the
 * model's bytes, the ONNX Runtime version and the optimization level: a changed model, an
 * upgraded runtime or another level never reads a stale file, and older files of the same
 * model are deleted when a new one is written. The name does not end in {@code .onnx}, so
 * nothing that lists a directory's graphs mistakes it for a model variant.
 * <p>
 * An optimized graph at level {@link OnnxOptimization#ALL} may use layouts of the CPU it
 * was written on; a model directory copied to other hardware should not carry it along.
 * When the directory is not writable, nothing is cached and the model is optimized at
 * every start, as without the cache.
 */
final class OptimizedModelCache {

	private static final Logger logger = LoggerFactory.getLogger(OptimizedModelCache.class);

	private static final String MARKER = ".optimized-";

	private OptimizedModelCache() {
	}

	/**
	 * Decides which file a session loads and whether it writes the optimized graph.
	 * @param model the model file
	 * @param settings the session settings
	 * @param runtimeVersion ONNX Runtime's version
	 * @return the plan
	 */
	static Plan plan(Path model, OnnxSessionSettings settings, String runtimeVersion) {
		if (!settings.cacheOptimizedModel() || settings.optimization() == OnnxOptimization.NONE) {
			return new Plan(model, null, null, settings.optimization());
		}
		Path cached = cachedFile(model, settings.optimization(), runtimeVersion);
		if (Files.isRegularFile(cached)) {
			logger.debug("Loading the optimized graph {} cached beside {}", cached.getFileName(), model);
			// already optimized at the configured level: optimizing again only costs
			// start-up time
			return new Plan(cached, null, null, OnnxOptimization.NONE);
		}
		Path directory = cached.getParent();
		if (directory == null || !Files.isWritable(directory)) {
			logger.debug("Not caching the optimized graph of {}: its directory is not writable", model);
			return new Plan(model, null, null, settings.optimization());
		}
		Path temporary = directory.resolve(cached.getFileName() + ".tmp-" + ProcessHandle.current().pid());
		return new Plan(model, temporary, cached, settings.optimization());
	}

	static Path cachedFile(Path model, OnnxOptimization optimization, String runtimeVersion) {
		String name = model.getFileName() + MARKER + optimization.name().toLowerCase(Locale.ROOT) + "-ort"
				+ runtimeVersion + "-" + sha256Prefix(model);
		return model.resolveSibling(name);
	}

	private static String sha256Prefix(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Which file a session loads and where ONNX Runtime writes the optimized graph.
	 *
	 * @param load the file to load
	 * @param writeTo where ONNX Runtime writes the optimized graph, or {@code null}
	 * @param cacheFile where the written graph is moved once complete, or {@code null}
	 * @param optimization the level to load with
	 */
	record Plan(Path load, @Nullable Path writeTo, @Nullable Path cacheFile, OnnxOptimization optimization) {

		/**
		 * Moves the written graph into place and deletes stale graphs of the same model.
		 * Failures only cost the next start its optimization time, so they are logged.
		 */
		void commit() {
			Path written = this.writeTo;
			Path target = this.cacheFile;
			if (written == null || target == null) {
				return;
			}
			try {
				if (!Files.isRegularFile(written)) {
					return;
				}
				try {
					Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
				}
				deleteStale(target);
				logger.info("Cached the optimized graph as {}", target);
			}
			catch (IOException ex) {
				logger.warn("Could not cache the optimized graph as {}: {}", target, ex.toString());
			}
		}

		private void deleteStale(Path current) throws IOException {
			Path directory = current.getParent();
			String prefix = this.load.getFileName() + MARKER;
			if (directory == null) {
				return;
			}
			try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, (path) -> {
				String name = path.getFileName().toString();
				return name.startsWith(prefix) && !name.contains(".tmp-") && !path.equals(current);
			})) {
				for (Path stale : files) {
					Files.deleteIfExists(stale);
				}
			}
		}

	}

}

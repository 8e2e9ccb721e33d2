package dev.reranker.eval.firststage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and reads corpus embeddings (text to vector) in a compact binary file, so that a
 * later run with the same model, settings and corpus (the caller keys the file name by
 * them) embeds nothing. Written to a temporary file and moved into place, so an
 * interrupted run leaves no half-written cache.
 */
public final class EmbeddingCacheFile {

	private static final int MAGIC = 0x52455645; // "REVE"

	private EmbeddingCacheFile() {
	}

	/**
	 * @param file the cache file
	 * @return the embeddings by text, empty when the file does not exist
	 * @throws UncheckedIOException naming the file when it cannot be read (delete it to
	 * re-embed)
	 */
	public static Map<String, float[]> read(Path file) {
		Map<String, float[]> embeddings = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return embeddings;
		}
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			if (in.readInt() != MAGIC) {
				throw new IOException("not an embedding cache");
			}
			int count = in.readInt();
			int dimensions = in.readInt();
			for (int i = 0; i < count; i++) {
				byte[] text = new byte[in.readInt()];
				in.readFully(text);
				float[] vector = new float[dimensions];
				for (int d = 0; d < dimensions; d++) {
					vector[d] = in.readFloat();
				}
				embeddings.put(new String(text, StandardCharsets.UTF_8), vector);
			}
			return embeddings;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the embedding cache " + file + " (" + ex.getMessage()
					+ "); delete it to embed the corpus again", ex);
		}
	}

	/**
	 * @param file the cache file, replaced when it exists
	 * @param embeddings the embeddings by text, all of one dimension
	 */
	public static void write(Path file, Map<String, float[]> embeddings) {
		int dimensions = embeddings.values().stream().findFirst().map(vector -> vector.length).orElse(0);
		try {
			Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
			Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
			try (DataOutputStream out = new DataOutputStream(
					new BufferedOutputStream(Files.newOutputStream(temporary)))) {
				out.writeInt(MAGIC);
				out.writeInt(embeddings.size());
				out.writeInt(dimensions);
				for (Map.Entry<String, float[]> entry : embeddings.entrySet()) {
					if (entry.getValue().length != dimensions) {
						throw new IllegalArgumentException("Embeddings of different dimensions: " + dimensions + " and "
								+ entry.getValue().length);
					}
					byte[] text = entry.getKey().getBytes(StandardCharsets.UTF_8);
					out.writeInt(text.length);
					out.write(text);
					for (float value : entry.getValue()) {
						out.writeFloat(value);
					}
				}
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the embedding cache " + file
					+ "; pass a writable --eval.embedding.cache-dir or --eval.embedding.cache=false", ex);
		}
	}

}

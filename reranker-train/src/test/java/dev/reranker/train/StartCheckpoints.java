package dev.reranker.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.reranker.testfixtures.BertTokenizerJson;
import dev.reranker.testfixtures.TinyBertEncoder;

/**
 * The offline start checkpoints of the tests, written once per JVM from the LangChain4j
 * model jars on the test class path into folders in Hugging Face layout (graph and
 * tokenizer; the jars have no config.json).
 */
public final class StartCheckpoints {

	private static Path root;

	private StartCheckpoints() {
	}

	/** fp32 all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads. */
	public static synchronized Path allMiniLmL6V2() {
		Path dir = root().resolve("all-minilm-l6-v2");
		if (!Files.isDirectory(dir)) {
			copy("all-minilm-l6-v2.onnx", dir.resolve("onnx/model.onnx"));
			BertTokenizerJson.write(dir);
		}
		return dir;
	}

	/** The tiny random BERT fixture: 2 layers, hidden 32, 4 heads, no config.json. */
	public static synchronized Path tinyBert() {
		Path dir = root().resolve("tiny-bert");
		if (!Files.isDirectory(dir)) {
			TinyBertEncoder.write(dir);
		}
		return dir;
	}

	/** fp32 bge-small-en-v1.5: 12 layers, hidden 384, 12 heads. */
	public static synchronized Path bgeSmallEnV15() {
		Path dir = root().resolve("bge-small-en-v1.5");
		if (!Files.isDirectory(dir)) {
			copy("bge-small-en-v1.5.onnx", dir.resolve("onnx/model.onnx"));
			copy("bge-small-en-v1.5-tokenizer.json", dir.resolve("tokenizer.json"));
		}
		return dir;
	}

	private static Path root() {
		try {
			if (root == null) {
				root = Files.createTempDirectory("reranker-train-checkpoints");
				root.toFile().deleteOnExit();
			}
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(String resource, Path target) {
		try (InputStream in = StartCheckpoints.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the test class path");
			}
			Files.createDirectories(target.getParent());
			Files.copy(in, target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

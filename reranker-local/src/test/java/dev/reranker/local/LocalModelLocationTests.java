package dev.reranker.local;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import ai.djl.huggingface.tokenizers.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.TinyCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code classpath:} models inside a jar are copied to the cache with everything ONNX
 * Runtime reads beside the graph.
 */
class LocalModelLocationTests {

	@TempDir
	Path temp;

	@Test
	void aClasspathModelInsideAJarIsCopiedWithItsExternalDataAndScores() throws IOException {
		Path model = TinyCrossEncoder.writeWithExternalData(this.temp.resolve("external"), "onnx/model.onnx",
				"model.onnx_data");
		Path jar = this.temp.resolve("models.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String name : List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json", "config.json")) {
				out.putNextEntry(new JarEntry("models/external/" + name));
				Files.copy(model.resolve(name), out);
				out.closeEntry();
			}
		}
		Path cache = this.temp.resolve("cache");
		HuggingFaceHub offline = new HuggingFaceHub(URI.create("http://127.0.0.1:9"), "main", null, cache, true,
				Duration.ofSeconds(1));
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			LocalModelFiles files = LocalModelLocation.resolve("classpath:models/external", null,
					LocalEngine.ONNX_RUNTIME, offline, loader, cache);

			assertThat(files.model()).isEqualTo(cache.resolve("classpath/models-external/onnx/model.onnx"));
			assertThat(files.model().resolveSibling("model.onnx_data"))
				.hasSameBinaryContentAs(model.resolve("onnx/model.onnx_data"));
			try (LocalRerankModel reranker = LocalRerankModel.builder().files(files).build()) {
				List<Double> scores = reranker.score("solar panel", List.of("solar panel", "pasta"));
				Encoding pair = reranker.encode("solar panel", "solar panel");
				double logit = TinyCrossEncoder.referenceLogit(pair.getIds(), pair.getTypeIds(),
						pair.getAttentionMask());
				assertThat(scores.get(0)).isCloseTo(1.0 / (1.0 + Math.exp(-logit)), within(1e-5));
				assertThat(scores.get(0)).isGreaterThan(scores.get(1));
			}
		}
	}

}

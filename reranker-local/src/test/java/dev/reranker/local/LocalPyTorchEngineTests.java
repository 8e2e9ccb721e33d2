package dev.reranker.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.testfixtures.TinyCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The local provider on DJL's PyTorch engine with a real TorchScript model: the
 * TinyCrossEncoder fixture exported by torch ({@code model.pt}), run offline with the
 * natives of the {@code pytorch-native-cpu} platform jar, against the same fixture's ONNX
 * graph on ONNX Runtime.
 */
@EnabledIf(value = "nativeJarOnClassPath",
		disabledReason = "no PyTorch native library jar on the test class path: ai.djl.pytorch:pytorch-native-cpu is "
				+ "bundled for linux-x86_64 only (Maven profile pytorch-native-linux-x86_64), and these tests never let "
				+ "DJL download it")
class LocalPyTorchEngineTests {

	/** DJL's PyTorch engine finds the natives of a platform jar through this resource. */
	private static final String NATIVE_JAR_MARKER = "native/lib/pytorch.properties";

	@TempDir
	static Path temp;

	static LocalRerankModel torch;

	static LocalRerankModel onnx;

	static Path dir;

	@BeforeAll
	static void load() {
		assertThat(System.getProperty("ai.djl.offline")).as("DJL offline mode in tests").isEqualTo("true");
		dir = TinyCrossEncoder.writeWithTorchScript(temp.resolve("tiny"));
		torch = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.PYTORCH))
			.engine(LocalEngine.PYTORCH)
			.batchSize(2)
			.build();
		onnx = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.ONNX_RUNTIME))
			.batchSize(3)
			.build();
	}

	static boolean nativeJarOnClassPath() {
		return LocalPyTorchEngineTests.class.getClassLoader().getResource(NATIVE_JAR_MARKER) != null;
	}

	@AfterAll
	static void close() {
		if (torch != null) {
			torch.close();
		}
		if (onnx != null) {
			onnx.close();
		}
	}

	@Test
	void loadsTheTorchScriptFileOnThePyTorchEngineFromThePlatformJar() {
		assertThat(torch.toString()).contains("runtime=DJL PyTorch 2.7.1");
		assertThat(Engine.getEngine("PyTorch").getVersion()).isEqualTo("2.7.1");
		assertThat(onnx.toString()).contains("runtime=").doesNotContain("PyTorch");
	}

	@Test
	void ranksDocumentsByQueryOverlapAsTheFixtureDefines() {
		List<Double> scores = torch.score(LocalRerankModelTests.QUERY, LocalRerankModelTests.DOCUMENTS);

		assertThat(scores.get(1)).isGreaterThan(scores.get(2));
		assertThat(scores.get(2)).isGreaterThan(scores.get(3));
		assertThat(scores.get(3)).isGreaterThan(scores.get(0));
		for (int i = 0; i < scores.size(); i++) {
			Encoding encoding = torch.encode(LocalRerankModelTests.QUERY, LocalRerankModelTests.DOCUMENTS.get(i));
			double expected = 1.0 / (1.0 + Math.exp(-TinyCrossEncoder.referenceLogit(encoding.getIds(),
					encoding.getTypeIds(), encoding.getAttentionMask())));
			assertThat(scores.get(i)).as("document %d", i).isCloseTo(expected, within(1e-5));
		}
	}

	@Test
	void scoresEqualTheOnnxGraphOnOnnxRuntime() {
		// different batch sizes and lengths, so padding and batching differ between the
		// engines
		List<String> documents = new ArrayList<>(LocalRerankModelTests.DOCUMENTS);
		documents.add("solar " + "panel ".repeat(60));
		documents.add("efficiency");
		documents.add("Nothing in common here.");

		List<Double> fromTorch = torch.score(LocalRerankModelTests.QUERY, documents);
		List<Double> fromOnnx = onnx.score(LocalRerankModelTests.QUERY, documents);

		assertThat(fromTorch).hasSameSizeAs(documents);
		for (int i = 0; i < documents.size(); i++) {
			assertThat(fromTorch.get(i)).as("document %d", i).isCloseTo(fromOnnx.get(i), within(1e-6));
		}
	}

	@Test
	void intraOpThreadsSizesThePyTorchPoolThroughDjlsApiNotASystemProperty() {
		int before = JniUtils.getNumThreads();
		int threads = (before == 1) ? 2 : 1;
		try (LocalRerankModel sized = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(dir, null, LocalEngine.PYTORCH))
			.engine(LocalEngine.PYTORCH)
			.intraOpThreads(threads)
			.build()) {
			assertThat(JniUtils.getNumThreads()).isEqualTo(threads);
			assertThat(System.getProperty(PyTorchThreads.PROPERTY)).isNull();
			assertThat(sized.score(LocalRerankModelTests.QUERY, LocalRerankModelTests.DOCUMENTS))
				.isEqualTo(torch.score(LocalRerankModelTests.QUERY, LocalRerankModelTests.DOCUMENTS));
		}
		finally {
			JniUtils.setNumThreads(before);
		}
	}

}

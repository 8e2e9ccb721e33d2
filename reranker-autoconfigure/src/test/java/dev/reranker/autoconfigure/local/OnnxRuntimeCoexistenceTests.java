package dev.reranker.autoconfigure.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.TinyCrossEncoder;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX Runtime allows one environment per JVM. The local provider must work next to
 * Spring AI's TransformersEmbeddingModel (which creates that environment in its
 * constructor) whichever starts first.
 */
class OnnxRuntimeCoexistenceTests {

	static final String QUERY = "solar panel efficiency";

	static final List<String> DOCUMENTS = List.of("pasta with basil", "solar energy in sunny countries",
			"solar panel efficiency measured in the lab");

	@TempDir
	static Path temp;

	static Path tinyDir;

	@BeforeAll
	static void writeFixture() {
		tinyDir = TinyCrossEncoder.write(temp.resolve("tiny"));
	}

	static TransformersEmbeddingModel embeddingModel() throws Exception {
		TransformersEmbeddingModel model = new TransformersEmbeddingModel();
		model.setModelResource("classpath:all-minilm-l6-v2.onnx");
		model.setTokenizerResource("classpath:all-minilm-l6-v2-tokenizer.json");
		model.setDisableCaching(true);
		model.afterPropertiesSet();
		return model;
	}

	@Test
	void localProviderAndTransformersEmbeddingModelShareOneContext() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LocalRerankerAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withPropertyValues("reranker.local.model=file:" + tinyDir)
			.withBean(TransformersEmbeddingModel.class, OnnxRuntimeCoexistenceTests::newEmbeddingModel)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				float[] embedding = context.getBean(TransformersEmbeddingModel.class).embed("solar panels");
				assertThat(embedding).hasSize(384);
				List<Document> ranked = context.getBean(RerankingDocumentPostProcessor.class)
					.process(new Query(QUERY), DOCUMENTS.stream().map(Document::new).toList());
				assertThat(ranked.get(0).getText()).isEqualTo(DOCUMENTS.get(2));
			});
	}

	private static TransformersEmbeddingModel newEmbeddingModel() {
		try {
			return embeddingModel();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void localProviderWorksWhenTheEmbeddingModelCreatedTheEnvironmentFirst() throws Exception {
		// a fresh JVM, so that the embedding model really is first
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(EmbeddingModelFirst.class.getName());
		command.add(tinyDir.toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("runtime=ONNX Runtime").contains("(shared environment)");
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(tinyDir, null, LocalEngine.ONNX_RUNTIME))
			.build()) {
			assertThat(output).contains("scores=" + model.score(QUERY, DOCUMENTS));
		}
	}

	/**
	 * Runs in a child JVM: Spring AI's embedding model first, then the local reranker.
	 */
	static final class EmbeddingModelFirst {

		public static void main(String[] args) throws Exception {
			TransformersEmbeddingModel embedding = embeddingModel();
			float[] before = embedding.embed("solar panels");
			try (LocalRerankModel model = LocalRerankModel.builder()
				.files(LocalModelFiles.inDirectory(Path.of(args[0]), null, LocalEngine.ONNX_RUNTIME))
				.build()) {
				System.out.println(model);
				System.out.println("scores=" + model.score(QUERY, DOCUMENTS));
			}
			float[] after = embedding.embed("solar panels");
			if (!java.util.Arrays.equals(before, after)) {
				throw new IllegalStateException("embedding changed");
			}
			System.out.flush();
			System.exit(0);
		}

	}

}

package dev.reranker.autoconfigure.local;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankModel;
import dev.reranker.RerankResponse;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.NoRerankModelException;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.local.Activation;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelException;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.local.OnnxOptimization;
import dev.reranker.local.PromptTemplate;
import dev.reranker.testfixtures.TinyCrossEncoder;
import dev.reranker.testfixtures.TinyDecoderReranker;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRerankerAutoConfigurationTests {

	@TempDir
	static Path temp;

	static Path tinyDir;

	final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(LocalRerankerAutoConfiguration.class, RerankerAutoConfiguration.class));

	@BeforeAll
	static void writeFixture() {
		tinyDir = TinyCrossEncoder.write(temp.resolve("tiny-cross-encoder"));
	}

	ApplicationContextRunner withTinyModel() {
		return this.runner.withPropertyValues("reranker.local.model=file:" + tinyDir);
	}

	@Test
	void ranksTheFixtureThroughTheDocumentPostProcessorBean() {
		withTinyModel().withPropertyValues("reranker.top-n=3").run((context) -> {
			RerankingDocumentPostProcessor processor = context.getBean(RerankingDocumentPostProcessor.class);
			List<Document> candidates = List.of(
					Document.builder().id("pasta").text("Pasta recipes with tomatoes and basil.").build(),
					Document.builder().id("wind").text("Wind turbines and solar farms feed the grid.").build(),
					Document.builder().id("energy").text("Solar energy is popular in sunny countries.").build(),
					Document.builder()
						.id("best")
						.text("Solar panel efficiency depends on the cell; panel efficiency is measured.")
						.build());

			List<Document> ranked = processor.process(new Query("solar panel efficiency"), candidates);

			assertThat(ranked).extracting(Document::getId).containsExactly("best", "energy", "wind");
			assertThat(ranked.get(0).getMetadata()).containsEntry(RerankDocumentMetadata.RETRIEVAL_RANK, 4);
			assertThat(ranked.get(0).getScore()).isGreaterThan(ranked.get(1).getScore());
		});
	}

	@Test
	void theLocalModelObservesItsCallsInTheObservationRegistryBean() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		withTinyModel().withBean(TestObservationRegistry.class, () -> registry).run((context) -> {
			LocalRerankModel model = context.getBean(LocalRerankModel.class);
			assertThat(context.getBean(RerankingDocumentPostProcessor.class).getRerankModel()).isSameAs(model);

			model.score("solar panel efficiency", List.of("Solar energy is popular in sunny countries."));

			TestObservationRegistryAssert.assertThat(registry)
				.hasSingleObservationThat()
				.hasNameEqualTo("gen_ai.client.operation")
				.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
				.hasLowCardinalityKeyValue("gen_ai.system", "local")
				.hasHighCardinalityKeyValue("reranker.request.documents", "1");
		});
	}

	@Test
	void localIsTheDefaultProviderWithDefaultSettings() {
		withTinyModel().run((context) -> {
			assertThat(context).hasSingleBean(LocalRerankModel.class);
			LocalRerankModel model = context.getBean(LocalRerankModel.class);
			assertThat(model.getProviderName()).isEqualTo("local");
			assertThat(model.getMaxLength()).isEqualTo(TinyCrossEncoder.MAX_POSITIONS);
			assertThat(model.getBatchSize()).isEqualTo(LocalRerankModel.DEFAULT_BATCH_SIZE);
			LocalRerankerProperties properties = context.getBean(LocalRerankerProperties.class);
			assertThat(properties.getRevision()).isEqualTo("main");
			assertThat(properties.getHubUrl()).hasToString("https://huggingface.co");
			assertThat(properties.getEngine()).isEqualTo(LocalEngine.ONNX_RUNTIME);
			assertThat(properties.getActivation()).isEqualTo(Activation.AUTO);
			assertThat(properties.isOffline()).isFalse();
			assertThat(properties.getMaxLength()).isNull();
			assertThat(properties.getIntraOpThreads()).isNull();
			assertThat(properties.getBatchSize()).isEqualTo(LocalRerankModel.DEFAULT_BATCH_SIZE);
			assertThat(properties.getModelFile()).isNull();
			assertThat(properties.getHubToken()).isNull();
			assertThat(properties.getDownloadTimeout()).hasSeconds(30);
		});
	}

	@Test
	void settingsOverrideTheDefaults() {
		withTinyModel()
			.withPropertyValues("reranker.provider=local", "reranker.local.max-length=64",
					"reranker.local.batch-size=4", "reranker.local.intra-op-threads=1",
					"reranker.local.activation=sigmoid", "reranker.local.engine=onnx-runtime")
			.run((context) -> {
				LocalRerankModel model = context.getBean(LocalRerankModel.class);
				assertThat(model.getMaxLength()).isEqualTo(64);
				assertThat(model.getBatchSize()).isEqualTo(4);
				assertThat(model.score("solar", List.of("solar", "pasta")).get(0)).isBetween(0.0, 1.0);
			});
	}

	@Test
	void inferenceSettingsReachTheModel() {
		withTinyModel()
			.withPropertyValues("reranker.local.batch-tokens=256", "reranker.local.sessions=3",
					"reranker.local.onnx.optimization=extended", "reranker.local.onnx.allow-spinning=true",
					"reranker.local.onnx.cache-optimized-model=false")
			.run((context) -> {
				LocalRerankModel model = context.getBean(LocalRerankModel.class);
				assertThat(model.getBatchTokens()).isEqualTo(256);
				assertThat(model.getSessions()).isEqualTo(3);
				LocalRerankerProperties properties = context.getBean(LocalRerankerProperties.class);
				assertThat(properties.getOnnx().getOptimization()).isEqualTo(OnnxOptimization.EXTENDED);
				assertThat(properties.getOnnx().isAllowSpinning()).isTrue();
				assertThat(model.score("solar", List.of("solar", "pasta")).get(0)).isBetween(0.0, 1.0);
			});
	}

	@Test
	void inferenceDefaultsAreOneSingleThreadedSessionPerCoreWithoutSpinning() {
		withTinyModel().run((context) -> {
			LocalRerankModel model = context.getBean(LocalRerankModel.class);
			assertThat(model.getSessions()).isEqualTo(Runtime.getRuntime().availableProcessors());
			assertThat(model.getBatchTokens()).isEqualTo(LocalRerankModel.DEFAULT_BATCH_TOKENS);
			LocalRerankerProperties properties = context.getBean(LocalRerankerProperties.class);
			assertThat(properties.getSessions()).isNull();
			assertThat(properties.getOnnx().isAllowSpinning()).isFalse();
			assertThat(properties.getOnnx().getOptimization()).isEqualTo(OnnxOptimization.ALL);
		});
	}

	@Test
	void invalidInferenceSettingsFailNamingTheProperty() {
		withTinyModel().withPropertyValues("reranker.local.batch-tokens=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.local.batch-tokens"));
		withTinyModel().withPropertyValues("reranker.local.sessions=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.local.sessions"));
	}

	@Test
	void invalidValuesFailNamingTheProperty() {
		withTinyModel().withPropertyValues("reranker.local.batch-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.local.batch-size"));
		withTinyModel().withPropertyValues("reranker.local.max-length=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.local.max-length"));
		withTinyModel().withPropertyValues("reranker.local.hub-url=ftp://mirror.invalid")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reranker.local.hub-url"));
		this.runner.run(
				(context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("reranker.local.model"));
	}

	@Test
	void missingModelFailsStartUpWithAnalysisNamingTheFile() {
		Path missing = temp.resolve("no-such-model");
		this.runner.withPropertyValues("reranker.local.model=file:" + missing).run((context) -> {
			assertThat(context).getFailure().rootCause().isInstanceOf(LocalModelException.class);
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new LocalModelFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(missing.toString());
			assertThat(analysis.getAction()).contains("reranker.local.model=file:").contains("reranker.local.hub-url");
		});
	}

	@Test
	void userRerankModelBeanMakesTheLocalProviderBackOff() {
		withTinyModel().withBean(RerankModel.class, () -> (request) -> new RerankResponse(List.of())).run((context) -> {
			assertThat(context).doesNotHaveBean(LocalRerankModel.class);
			assertThat(context).hasSingleBean(RerankingDocumentPostProcessor.class);
		});
	}

	@Test
	void anotherProviderLeavesTheLocalOneOut() {
		// only the local provider is on this class path, so nothing answers for 'cohere'
		withTinyModel().withPropertyValues("reranker.provider=cohere")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(NoRerankModelException.class)
				.hasMessageContaining("cohere"));
	}

	@Test
	void withoutDjlOnTheClassPathTheLocalProviderBacksOff() {
		withTinyModel().withClassLoader(new FilteredClassLoader(HuggingFaceTokenizer.class))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(NoRerankModelException.class)
				.hasMessageContaining("local"));
		withTinyModel().withClassLoader(new FilteredClassLoader(HuggingFaceTokenizer.class))
			.withBean(RerankModel.class, () -> (request) -> new RerankResponse(List.of()))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LocalRerankModel.class));
	}

	@Test
	void disabledRerankingLoadsNoModel() {
		withTinyModel().withPropertyValues("reranker.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LocalRerankModel.class));
	}

	@Test
	void loadsAModelFromTheClassPathInsideAJar() throws IOException {
		Path jar = temp.resolve("models.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String name : List.of("model.onnx", "tokenizer.json", "config.json")) {
				out.putNextEntry(new JarEntry("models/tiny/" + name));
				Files.copy(tinyDir.resolve(name), out);
				out.closeEntry();
			}
		}
		Path cache = temp.resolve("cache");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
				getClass().getClassLoader())) {
			this.runner.withClassLoader(loader)
				.withPropertyValues("reranker.local.model=classpath:models/tiny", "reranker.local.cache-dir=" + cache)
				.run((context) -> {
					assertThat(context).hasSingleBean(LocalRerankModel.class);
					assertThat(cache.resolve("classpath/models-tiny/model.onnx"))
						.hasSameBinaryContentAs(tinyDir.resolve("model.onnx"));
				});
		}
	}

	@Test
	void offlineHubModelThatIsNotCachedFailsNamingTheFile() {
		Path cache = temp.resolve("empty-cache");
		this.runner
			.withPropertyValues("reranker.local.model=cross-encoder/ms-marco-MiniLM-L6-v2",
					"reranker.local.offline=true", "reranker.local.cache-dir=" + cache)
			.run((context) -> {
				// reranker-local names its own API; the failure analysis the user sees
				// names the property
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(LocalModelException.class)
					.hasMessageContaining("HuggingFaceHub(offline)=true")
					.hasMessageContaining(cache.resolve("cross-encoder--ms-marco-MiniLM-L6-v2").toString());
				FailureAnalysis analysis = new LocalModelFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("reranker.local.offline=true")
					.contains(cache.resolve("cross-encoder--ms-marco-MiniLM-L6-v2").toString())
					.doesNotContain("HuggingFaceHub(");
				assertThat(analysis.getAction()).contains("reranker.local.cache-dir")
					.contains("reranker.local.model=file:<dir>")
					.doesNotContain("HuggingFaceHub(");
			});
	}

	@Test
	void aSmallMaxLengthThatFitsAPairStartsAndRanks() {
		// 8 to 10 used to pass validation and then fail start-up on the warm-up query.
		withTinyModel().withPropertyValues("reranker.local.max-length=8").run((context) -> {
			assertThat(context).hasNotFailed();
			LocalRerankModel model = context.getBean(LocalRerankModel.class);
			assertThat(model.getMaxLength()).isEqualTo(8);
			assertThat(model.score("solar", List.of("solar energy"))).singleElement()
				.satisfies((score) -> assertThat(score).isBetween(0.0, 1.0));
		});
	}

	@Test
	void maxLengthBelowWhatAPairNeedsFailsWithAnAnalysisNamingTheProperty() {
		withTinyModel().withPropertyValues("reranker.local.max-length=3").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LocalModelException.class)
				.hasMessageContaining("LocalRerankModel.Builder#maxLength=3 is too small");
			FailureAnalysis analysis = new LocalModelFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("reranker.local.max-length=3 is too small")
				.contains("special tokens")
				.doesNotContain("LocalRerankModel.Builder");
			assertThat(analysis.getAction()).contains("reranker.local.max-length of at least");
		});
	}

	@Test
	void aDecoderRerankerIsDetectedAndPromptedWithTheQwen3PresetByDefault() {
		TinyDecoderReranker.Written decoder = TinyDecoderReranker.write(temp.resolve("decoder-default"),
				TinyDecoderReranker.Shape.CAUSAL_LM);
		this.runner.withPropertyValues("reranker.local.model=file:" + decoder.directory()).run((context) -> {
			LocalRerankModel model = context.getBean(LocalRerankModel.class);
			long[] ids = model.encode("what does a reranker do", "a reranker").getIds();
			assertThat(ids).contains(decoder.vocabulary().get("<Query>:").longValue(),
					decoder.vocabulary().get("<Document>:").longValue());
			List<Double> scores = model.score("what does a reranker do",
					List.of("the cat sat on the mat", "what a reranker does"));
			assertThat(scores.get(1)).isGreaterThan(scores.get(0));
		});
	}

	@Test
	void thePromptPresetAndItsTokensComeFromTheDecoderProperties() {
		TinyDecoderReranker.Written decoder = TinyDecoderReranker.write(temp.resolve("decoder-mxbai"),
				TinyDecoderReranker.Shape.CAUSAL_LM);
		this.runner
			.withPropertyValues("reranker.local.model=file:" + decoder.directory(),
					"reranker.local.decoder.prompt-template=mxbai-rerank-v2")
			.run((context) -> {
				LocalRerankerProperties properties = context.getBean(LocalRerankerProperties.class);
				assertThat(properties.promptTemplate()).isEqualTo(PromptTemplate.MXBAI_RERANK_V2);
				long[] ids = context.getBean(LocalRerankModel.class).encode("cat", "dog").getIds();
				assertThat(ids).contains(decoder.vocabulary().get("query:").longValue())
					.doesNotContain(decoder.vocabulary().get("<Query>:").longValue());
			});
	}

	@Test
	void anAnswerTokenNotInTheVocabularyFailsWithAnAnalysisNamingTheProperty() {
		TinyDecoderReranker.Written decoder = TinyDecoderReranker.write(temp.resolve("decoder-token"),
				TinyDecoderReranker.Shape.SEQUENCE_CLASSIFICATION);
		this.runner
			.withPropertyValues("reranker.local.model=file:" + decoder.directory(),
					"reranker.local.decoder.positive-answer=Relevant!")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LocalModelFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.contains("reranker.local.decoder.positive-answer='Relevant!' is not a token");
			});
	}

	@Test
	void theArchitecturePropertyOverridesConfigJson() {
		TinyDecoderReranker.Written decoder = TinyDecoderReranker.write(temp.resolve("decoder-as-encoder"),
				TinyDecoderReranker.Shape.SEQUENCE_CLASSIFICATION);
		this.runner
			.withPropertyValues("reranker.local.model=file:" + decoder.directory(),
					"reranker.local.architecture=encoder")
			.run((context) -> assertThat(context.getBean(LocalRerankModel.class).encode("cat", "dog").getIds())
				.doesNotContain(decoder.vocabulary().get("<|im_start|>").longValue()));
	}

	@Test
	void maxLengthAboveTheModelsLimitFailsWithAnAnalysisNamingTheProperty() {
		// 8192 passes binding validation; the model's config.json allows fewer positions
		withTinyModel().withPropertyValues("reranker.local.max-length=8192").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LocalModelException.class)
				.hasMessageContaining("LocalRerankModel.Builder#maxLength=8192");
			FailureAnalysis analysis = new LocalModelFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("reranker.local.max-length=8192")
				.contains("max_position_embeddings")
				.doesNotContain("LocalRerankModel.Builder");
			assertThat(analysis.getAction()).contains("reranker.local.max-length of at most");
		});
	}

	@Test
	void pytorchEngineLooksForATorchScriptFile() throws IOException {
		Path dir = TinyCrossEncoder.write(temp.resolve("for-pytorch"));
		this.runner.withPropertyValues("reranker.local.model=file:" + dir, "reranker.local.engine=pytorch")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LocalModelException.class)
				.hasMessageContaining("model.pt"));
		// an ONNX graph is not TorchScript: DJL's PyTorch engine (natives from the
		// platform jar) rejects it
		Files.copy(dir.resolve("model.onnx"), dir.resolve("model.pt"));
		this.runner.withPropertyValues("reranker.local.model=file:" + dir, "reranker.local.engine=pytorch")
			.run((context) -> assertThat(localModelException(context.getStartupFailure()))
				.hasMessageContaining("PyTorch")
				.hasMessageContaining(dir.resolve("model.pt").toString())
				.hasMessageContaining("TorchScript"));
	}

	@Test
	@EnabledIf(value = "pytorchNativesBundled",
			disabledReason = "PyTorch natives are bundled for linux-x86_64 only (profile pytorch-native-linux-x86_64)")
	void pytorchEngineRanksWithATorchScriptModelThroughThePostProcessor() {
		Path dir = TinyCrossEncoder.writeWithTorchScript(temp.resolve("torchscript"));
		this.runner.withPropertyValues("reranker.local.model=file:" + dir, "reranker.local.engine=pytorch")
			.run((context) -> {
				List<Document> ranked = context.getBean(RerankingDocumentPostProcessor.class)
					.process(new Query("solar panel efficiency"), List.of(
							Document.builder().id("pasta").text("Pasta recipes with tomatoes and basil.").build(),
							Document.builder().id("best").text("Solar panel efficiency is measured.").build(),
							Document.builder().id("energy").text("Solar energy is popular.").build()));
				assertThat(ranked).extracting(Document::getId).containsExactly("best", "energy", "pasta");
			});
	}

	static boolean pytorchNativesBundled() {
		return LocalRerankerAutoConfigurationTests.class.getClassLoader()
			.getResource("native/lib/pytorch.properties") != null;
	}

	static LocalModelException localModelException(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof LocalModelException local) {
				return local;
			}
		}
		throw new AssertionError("no LocalModelException in " + failure);
	}

	@Test
	void downloadsAHubModelFromTheConfiguredMirrorWithTheTokenFromHfToken() throws IOException {
		List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
		com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/acme/tiny/resolve/v1/", (exchange) -> {
			authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			Path file = tinyDir
				.resolve(exchange.getRequestURI().getPath().substring("/acme/tiny/resolve/v1/".length()));
			if (!Files.isRegularFile(file)) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			exchange.sendResponseHeaders(200, Files.size(file));
			try (var out = exchange.getResponseBody()) {
				Files.copy(file, out);
			}
		});
		server.start();
		try {
			Path cache = temp.resolve("hub-cache");
			this.runner
				.withPropertyValues("reranker.local.model=acme/tiny", "reranker.local.revision=v1",
						"reranker.local.hub-url=http://127.0.0.1:" + server.getAddress().getPort(),
						"reranker.local.cache-dir=" + cache, "HF_TOKEN=hf_fromEnvironment")
				.run((context) -> {
					assertThat(context).hasSingleBean(LocalRerankModel.class);
					assertThat(cache.resolve("acme--tiny/v1/model.onnx"))
						.hasSameBinaryContentAs(tinyDir.resolve("model.onnx"));
					assertThat(authorizations).isNotEmpty().allMatch("Bearer hf_fromEnvironment"::equals);
					assertThat(context.getBean(LocalRerankerProperties.class).toString()).doesNotContain("hf_");
				});
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void closesTheModelWithTheContext() {
		LocalRerankModel[] captured = new LocalRerankModel[1];
		withTinyModel().run((context) -> captured[0] = context.getBean(LocalRerankModel.class));
		// a closed model has released its native session: calling it fails instead of
		// crashing
		assertThat(captured[0]).isNotNull();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> captured[0].score("q", List.of("d")))
			.isInstanceOf(RuntimeException.class);
	}

}

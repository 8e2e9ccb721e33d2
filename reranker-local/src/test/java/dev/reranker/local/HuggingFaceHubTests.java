package dev.reranker.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.reranker.testfixtures.TinyCrossEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Downloads against a loopback server that serves the tiny fixture in the hub's
 * {@code /{repo}/resolve/{revision}/{file}} layout.
 */
class HuggingFaceHubTests {

	static final String REPO = "fixtures/tiny-cross-encoder";

	static final String REVISION = "v1.0";

	static final String TOKEN = "hf_secretTOKEN123";

	@TempDir
	Path temp;

	HttpServer server;

	Path served;

	final List<String> requests = new CopyOnWriteArrayList<>();

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	final Map<String, Boolean> truncate = new ConcurrentHashMap<>();

	@BeforeEach
	void start() throws IOException {
		this.served = TinyCrossEncoder.write(this.temp.resolve("served"));
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/", this::serve);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.requests.add(path);
		this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
		if (path.equals("/api/models/" + REPO + "/revision/" + REVISION)) {
			listFiles(exchange);
			return;
		}
		String prefix = "/" + REPO + "/resolve/" + REVISION + "/";
		Path file = path.startsWith(prefix) ? this.served.resolve(path.substring(prefix.length())) : null;
		if (file == null || !Files.isRegularFile(file)) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		byte[] bytes = Files.readAllBytes(file);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			if (this.truncate.getOrDefault(file.getFileName().toString(), false)) {
				out.write(bytes, 0, bytes.length / 2);
				out.flush();
				throw new IOException("connection dropped on purpose");
			}
			out.write(bytes);
		}
	}

	/** The hub's model API: the revision's files as "siblings". */
	private void listFiles(HttpExchange exchange) throws IOException {
		StringBuilder json = new StringBuilder("{\"id\":\"" + REPO + "\",\"siblings\":[");
		try (Stream<Path> files = Files.walk(this.served)) {
			json.append(String.join(",", files.filter(Files::isRegularFile)
				.map((file) -> "{\"rfilename\":\"" + this.served.relativize(file).toString().replace('\\', '/') + "\"}")
				.toList()));
		}
		byte[] bytes = json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	HuggingFaceHub hub(String revision, boolean offline) {
		URI url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		return new HuggingFaceHub(url, revision, TOKEN, this.temp.resolve("cache"), offline, Duration.ofSeconds(5));
	}

	@Test
	void downloadsOnFirstUseThenServesFromTheCache() {
		LocalModelFiles files = hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);

		assertThat(files.model()).hasSameBinaryContentAs(this.served.resolve("model.onnx"));
		assertThat(files.tokenizer()).hasSameBinaryContentAs(this.served.resolve("tokenizer.json"));
		assertThat(files.config()).isNotNull();
		assertThat(files.model().toString()).contains("fixtures--tiny-cross-encoder", REVISION);
		assertThat(this.authorizations).allMatch(("Bearer " + TOKEN)::equals);
		try (LocalRerankModel model = LocalRerankModel.builder().files(files).build()) {
			List<Double> scores = model.score("solar panel", List.of("solar panel", "pasta"));
			assertThat(scores.get(0)).isGreaterThan(scores.get(1));
		}

		int before = this.requests.size();
		hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);
		assertThat(this.requests).hasSize(before);
	}

	@Test
	void findsTheGraphUnderOnnxDirectoryAndSelectsAVariant() throws IOException {
		Files.createDirectories(this.served.resolve("onnx"));
		Files.move(this.served.resolve("model.onnx"), this.served.resolve("onnx/model_quantized.onnx"));

		assertThatThrownBy(() -> hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("model.onnx");
		LocalModelFiles files = hub(REVISION, false).fetch(REPO, "onnx/model_quantized.onnx", LocalEngine.ONNX_RUNTIME);

		assertThat(files.model()).endsWith(Path.of("onnx", "model_quantized.onnx"));
	}

	@Test
	void externalDataIsDownloadedBesideTheGraphAndLoaded() {
		this.served = TinyCrossEncoder.writeWithExternalData(this.temp.resolve("external"), "onnx/model.onnx",
				"model.onnx_data");

		LocalModelFiles files = hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);

		assertThat(files.model()).endsWith(Path.of("onnx", "model.onnx"));
		assertThat(files.model().resolveSibling("model.onnx_data"))
			.hasSameBinaryContentAs(this.served.resolve("onnx/model.onnx_data"));
		assertThat(files.model().toFile().length()).isLessThan(4096);
		try (LocalRerankModel model = LocalRerankModel.builder().files(files).build()) {
			List<Double> scores = model.score("solar panel", List.of("solar panel", "pasta"));
			ai.djl.huggingface.tokenizers.Encoding pair = model.encode("solar panel", "solar panel");
			double expected = 1.0 / (1.0 + Math
				.exp(-TinyCrossEncoder.referenceLogit(pair.getIds(), pair.getTypeIds(), pair.getAttentionMask())));
			assertThat(scores.get(0)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-5));
			assertThat(scores.get(0)).isGreaterThan(scores.get(1));
		}
		int before = this.requests.size();
		hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);
		assertThat(this.requests).hasSize(before);
	}

	@Test
	void aTruncatedExternalDataFileLeavesNeitherItNorTheGraphInTheCache() throws IOException {
		this.served = TinyCrossEncoder.writeWithExternalData(this.temp.resolve("external"), "onnx/model.onnx",
				"model.onnx_data");
		this.truncate.put("model.onnx_data", true);

		assertThatThrownBy(() -> hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("model.onnx_data");
		try (Stream<Path> cached = Files.walk(this.temp.resolve("cache"))) {
			assertThat(cached.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
				.noneMatch((name) -> name.startsWith("model.onnx"));
		}

		this.truncate.clear();
		LocalModelFiles files = hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);
		assertThat(files.model().resolveSibling("model.onnx_data"))
			.hasSameBinaryContentAs(this.served.resolve("onnx/model.onnx_data"));
	}

	@Test
	void aLargeExternalDataFileIsDownloadedWithProgressInTheLog() throws IOException {
		Files.createDirectories(this.served.resolve("onnx"));
		Files.move(this.served.resolve("model.onnx"), this.served.resolve("onnx/model.onnx"));
		// the fetch does not read the data; 9 MB is past the progress threshold of 8 MB
		Files.write(this.served.resolve("onnx/model.onnx_data"), new byte[9 * 1024 * 1024]);
		Logger logger = (Logger) LoggerFactory.getLogger(HuggingFaceHub.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		logger.addAppender(appender);
		try {
			LocalModelFiles files = hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);
			assertThat(files.model().resolveSibling("model.onnx_data"))
				.hasSameBinaryContentAs(this.served.resolve("onnx/model.onnx_data"));
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}
		List<String> messages = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(messages).anyMatch((message) -> message.contains("onnx/model.onnx_data: 50% of 9 MB"))
			.anyMatch((message) -> message.startsWith("Downloaded ") && message.contains("onnx/model.onnx_data"))
			.noneMatch((message) -> message.contains("onnx/model.onnx:"));
	}

	@Test
	void missingVariantListsTheGraphsInTheRepository() throws IOException {
		Files.createDirectories(this.served.resolve("onnx"));
		Files.copy(this.served.resolve("model.onnx"), this.served.resolve("onnx/model_int8.onnx"));

		assertThatThrownBy(() -> hub(REVISION, false).fetch(REPO, "onnx/model_fp16.onnx", LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("graphs in the repository: [model.onnx, onnx/model_int8.onnx]")
			.hasMessageContaining("e.g. model.onnx")
			.message()
			.doesNotContain(TOKEN);
	}

	@Test
	void unknownRevisionFailsNamingTheUrlAndProperties() {
		assertThatThrownBy(() -> hub("v2.0", false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("/resolve/v2.0/")
			.hasMessageContaining("LocalModelLocation#resolve(modelFile)")
			.message()
			.doesNotContain(TOKEN);
	}

	@Test
	void missingTokenizerIs404AndNamesIt() throws IOException {
		Files.delete(this.served.resolve("tokenizer.json"));

		assertThatThrownBy(() -> hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("HTTP 404")
			.hasMessageContaining("tokenizer.json");
	}

	@Test
	void truncatedBodyLeavesNothingInTheCache() throws IOException {
		this.truncate.put("model.onnx", true);

		assertThatThrownBy(() -> hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("model.onnx");
		try (Stream<Path> cached = Files.walk(this.temp.resolve("cache"))) {
			assertThat(cached.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
				.noneMatch((name) -> name.startsWith("model.onnx"));
		}

		this.truncate.clear();
		assertThat(hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME).model())
			.hasSameBinaryContentAs(this.served.resolve("model.onnx"));
	}

	@Test
	void concurrentFirstUseEndsWithWholeFiles() throws Exception {
		int callers = 4;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			List<Future<LocalModelFiles>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				// separate hub instances, as two processes would have
				HuggingFaceHub hub = hub(REVISION, false);
				futures.add(pool.submit(() -> {
					start.await();
					return hub.fetch(REPO, null, LocalEngine.ONNX_RUNTIME);
				}));
			}
			start.countDown();
			for (Future<LocalModelFiles> future : futures) {
				LocalModelFiles files = future.get();
				assertThat(files.model()).hasSameBinaryContentAs(this.served.resolve("model.onnx"));
				assertThat(files.tokenizer()).hasSameBinaryContentAs(this.served.resolve("tokenizer.json"));
			}
		}
		finally {
			pool.shutdownNow();
		}
		try (Stream<Path> cached = Files.walk(this.temp.resolve("cache"))) {
			assertThat(cached.map(Path::toString)).noneMatch((name) -> name.endsWith(".part"));
		}
	}

	@Test
	void offlineNeverTouchesTheNetworkAndNamesTheMissingFile() {
		assertThatThrownBy(() -> hub(REVISION, true).fetch(REPO, null, LocalEngine.ONNX_RUNTIME))
			.isInstanceOf(LocalModelException.class)
			.hasMessageContaining("HuggingFaceHub(offline)=true")
			.hasMessageContaining("model.onnx");
		assertThat(this.requests).isEmpty();

		hub(REVISION, false).fetch(REPO, null, LocalEngine.ONNX_RUNTIME);
		int online = this.requests.size();
		assertThat(hub(REVISION, true).fetch(REPO, null, LocalEngine.ONNX_RUNTIME).model()).exists();
		assertThat(this.requests).hasSize(online);
	}

	@Test
	void tokenNeverAppearsInToString() {
		assertThat(hub(REVISION, false).toString()).doesNotContain(TOKEN).contains("******");
	}

}

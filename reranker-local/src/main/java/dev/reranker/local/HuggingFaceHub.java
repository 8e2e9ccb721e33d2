package dev.reranker.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Downloads model files from a Hugging Face hub (or a mirror speaking the same
 * {@code {hub-url}/{repo}/resolve/{revision}/{file}} layout) into a local cache, once.
 * <p>
 * Files are written to a temporary file beside their target and renamed into place only
 * when complete, so a crash or a truncated body never leaves a partial file in the cache,
 * and two processes starting at once both end with a whole file. A cached file is used
 * without touching the network; in offline mode a missing file is an error naming it. The
 * access token is sent as a Bearer token and never logged or shown.
 */
public final class HuggingFaceHub {

	/** The public hub. */
	public static final URI DEFAULT_URL = URI.create("https://huggingface.co");

	private static final Logger logger = LoggerFactory.getLogger(HuggingFaceHub.class);

	private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

	private static final long PROGRESS_THRESHOLD = 8L * 1024 * 1024;

	/**
	 * External data file names beside a graph, as exporters write them: optimum
	 * {@code model.onnx_data}, torch.onnx {@code model.onnx.data}.
	 */
	static final List<String> EXTERNAL_DATA_SUFFIXES = List.of("_data", ".data");

	/** Folder in a cached revision that records optional files the hub does not have. */
	static final String ABSENT = ".absent";

	private static final String NOT_CACHED_ADVICE = "the model downloaded beforehand into " + LocalSetting.CACHE_DIR
			+ " (run once with " + LocalSetting.OFFLINE + "=false, or copy the model directory and use "
			+ LocalSetting.MODEL + "=file:<dir>)";

	private final URI url;

	private final String revision;

	private final @Nullable String token;

	private final Path cacheDirectory;

	private final boolean offline;

	private final Duration timeout;

	private @Nullable HttpClient client;

	/**
	 * @param url the hub's base URL
	 * @param revision the branch, tag or commit to download
	 * @param token the access token, or {@code null}
	 * @param cacheDirectory where downloads are kept
	 * @param offline whether to use the cache only
	 * @param timeout connect timeout and the longest wait for response headers
	 */
	public HuggingFaceHub(URI url, String revision, @Nullable String token, Path cacheDirectory, boolean offline,
			Duration timeout) {
		Assert.hasText(revision, "revision must not be blank");
		this.url = URI.create(url.toString().replaceAll("/+$", ""));
		this.revision = revision;
		this.token = (token != null && !token.isBlank()) ? token : null;
		this.cacheDirectory = cacheDirectory;
		this.offline = offline;
		this.timeout = timeout;
	}

	/**
	 * Whether a model location names a hub repository ({@code org/name} or {@code name}).
	 * @param location the configured model
	 * @return whether it is a repository id
	 */
	public static boolean isRepositoryId(String location) {
		return REPO_ID.matcher(location).matches();
	}

	/**
	 * Ensures the model's files are in the cache and returns them.
	 * @param repository the repository id, e.g.
	 * {@code cross-encoder/ms-marco-MiniLM-L6-v2}
	 * @param modelFile the graph's path in the repository, or {@code null} for the
	 * engine's default at the root or under {@code onnx/}
	 * @param engine the engine
	 * @return the cached files
	 * @throws LocalModelException naming the file that could not be had
	 */
	public LocalModelFiles fetch(String repository, @Nullable String modelFile, LocalEngine engine) {
		Path directory = this.cacheDirectory.resolve(repository.replace("/", "--")).resolve(this.revision);
		List<String> candidates = LocalModelFiles.candidates(modelFile, engine);
		Path model = null;
		List<URI> tried = new ArrayList<>();
		// a candidate already in the cache wins without a request for the ones before it
		for (String candidate : candidates) {
			if (model == null && Files.isRegularFile(directory.resolve(candidate).normalize())) {
				model = directory.resolve(candidate).normalize();
			}
		}
		for (String candidate : candidates) {
			if (model != null) {
				break;
			}
			if (engine == LocalEngine.ONNX_RUNTIME && !Files.isRegularFile(directory.resolve(candidate))) {
				// External data before the graph: a graph in the cache then always has
				// its
				// data beside it, where ONNX Runtime looks for it.
				for (String suffix : EXTERNAL_DATA_SUFFIXES) {
					sideFile(repository, directory, candidate + suffix);
				}
			}
			Path path = file(repository, directory, candidate, true, tried);
			if (path != null) {
				model = path;
				break;
			}
		}
		if (model == null && this.offline) {
			throw new LocalModelException(directory.resolve(candidates.get(0)),
					"Model file is not in the model cache and " + LocalSetting.OFFLINE + "=true (looked for "
							+ candidates + ")",
					NOT_CACHED_ADVICE);
		}
		if (model == null) {
			List<String> variants = graphsInRepository(repository);
			throw new LocalModelException(directory.resolve(candidates.get(0)),
					"Model file not found in repository '" + repository + "' at revision '" + this.revision
							+ "' (tried " + tried + ")"
							+ (variants.isEmpty() ? "" : "; graphs in the repository: " + variants),
					"one of " + candidates + " in the repository; set " + LocalSetting.MODEL_FILE
							+ " to the graph's path (e.g. "
							+ (variants.isEmpty() ? "onnx/model_quantized.onnx" : variants.get(0))
							+ ") or export the model to ONNX");
		}
		Path tokenizer = file(repository, directory, LocalModelFiles.TOKENIZER, false, tried);
		Assert.state(tokenizer != null, "tokenizer is required");
		Path config = sideFile(repository, directory, LocalModelFiles.CONFIG);
		sideFile(repository, directory, LocalModelFiles.TOKENIZER_CONFIG);
		return new LocalModelFiles(model, tokenizer, config);
	}

	/**
	 * The graphs ({@code .onnx}) the hub's model API lists for the revision, for an error
	 * message; empty when the hub (or a mirror without the API) does not answer.
	 */
	private List<String> graphsInRepository(String repository) {
		URI uri = URI.create(this.url + "/api/models/" + repository + "/revision/" + this.revision);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(this.timeout);
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		List<String> graphs = new ArrayList<>();
		try {
			HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				JsonNode siblings = JsonMapper.builder().build().readTree(response.body()).get("siblings");
				if (siblings != null && siblings.isArray()) {
					for (JsonNode sibling : siblings) {
						JsonNode name = sibling.get("rfilename");
						if (name != null && name.asString().endsWith(".onnx")) {
							graphs.add(name.asString());
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not list the files of {}", repository, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		graphs.sort(null);
		return graphs;
	}

	/**
	 * An optional file beside the model (config, tokenizer config, external data): its
	 * absence is remembered so that a cached model never touches the network. The cache
	 * is per revision and, like the files, not refreshed.
	 */
	private @Nullable Path sideFile(String repository, Path directory, String name) {
		Path absent = directory.resolve(ABSENT).resolve("404--" + name.replace("/", "--"));
		if (Files.exists(absent) && !Files.isRegularFile(directory.resolve(name))) {
			return null;
		}
		Path file = file(repository, directory, name, true, new ArrayList<>());
		if (file == null && !this.offline) {
			remember(absent);
		}
		return file;
	}

	private @Nullable Path file(String repository, Path directory, String name, boolean optional, List<URI> tried) {
		Path target = directory.resolve(name).normalize();
		Assert.state(target.startsWith(directory), () -> "file name escapes the cache: " + name);
		if (Files.isRegularFile(target)) {
			return target;
		}
		if (this.offline) {
			if (optional) {
				return null;
			}
			throw new LocalModelException(target,
					"File is not in the model cache and " + LocalSetting.OFFLINE + "=true", NOT_CACHED_ADVICE);
		}
		URI uri = URI.create(this.url + "/" + repository + "/resolve/" + this.revision + "/" + name);
		tried.add(uri);
		return download(uri, target, optional) ? target : null;
	}

	/** Remembers that an optional file is not in the repository at this revision. */
	private static void remember(Path absent) {
		try {
			Files.createDirectories(absent.getParent());
			Files.writeString(absent, "404\n");
		}
		catch (IOException ex) {
			logger.debug("Could not record {}", absent, ex);
		}
	}

	private synchronized HttpClient client() {
		if (this.client == null) {
			this.client = HttpClient.newBuilder()
				.connectTimeout(this.timeout)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
		}
		return this.client;
	}

	private boolean download(URI uri, Path target, boolean optional) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		Path partial = null;
		try {
			HttpResponse<InputStream> response = client().send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			int status = response.statusCode();
			try (InputStream body = response.body()) {
				if (status == 404 && optional) {
					return false;
				}
				if (status == 401 || status == 403) {
					throw new LocalModelException(target, "Hub refused " + uri + " with HTTP " + status,
							"a token with read access in " + LocalSetting.HUB_TOKEN
									+ " or the HF_TOKEN environment variable (gated or private repositories need one)");
				}
				if (status != 200) {
					throw new LocalModelException(target, "Hub answered " + uri + " with HTTP " + status,
							"the file at that revision; check " + LocalSetting.MODEL + ", " + LocalSetting.REVISION
									+ " and " + LocalSetting.HUB_URL);
				}
				Files.createDirectories(target.getParent());
				partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
				OptionalLong length = response.headers().firstValueAsLong("Content-Length");
				long written = copy(body, partial, length, uri);
				if (length.isPresent() && written != length.getAsLong()) {
					throw new LocalModelException(target,
							"Download of " + uri + " ended after " + written + " of " + length.getAsLong() + " bytes",
							"a complete download; retry (nothing was cached)");
				}
			}
			move(partial, target);
			partial = null;
			logger.info("Downloaded {} to {}", uri, target);
			return true;
		}
		catch (IOException ex) {
			throw new LocalModelException(target,
					"Download of " + uri + " failed (" + ex.getClass().getSimpleName()
							+ (ex.getMessage() != null ? ": " + ex.getMessage() : "") + ")",
					"a reachable hub at " + LocalSetting.HUB_URL + ", or " + LocalSetting.OFFLINE
							+ "=true with a filled cache",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalModelException(target, "Download of " + uri + " was interrupted",
					"an uninterrupted start-up", ex);
		}
		finally {
			if (partial != null) {
				try {
					Files.deleteIfExists(partial);
				}
				catch (IOException ex) {
					logger.debug("Could not delete {}", partial, ex);
				}
			}
		}
	}

	private static long copy(InputStream body, Path partial, OptionalLong length, URI uri) throws IOException {
		boolean large = length.isPresent() && length.getAsLong() >= PROGRESS_THRESHOLD;
		long total = length.orElse(-1);
		long written = 0;
		int lastDecile = 0;
		byte[] buffer = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(partial)) {
			int read;
			while ((read = body.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				written += read;
				if (large) {
					int decile = (int) (written * 10 / total);
					if (decile > lastDecile && decile < 10) {
						lastDecile = decile;
						logger.info("Downloading {}: {}% of {} MB", uri, decile * 10, total / (1024 * 1024));
					}
				}
			}
		}
		return written;
	}

	private static void move(Path partial, Path target) throws IOException {
		try {
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Override
	public String toString() {
		return "HuggingFaceHub{url=" + this.url + ", revision=" + this.revision + ", token="
				+ ((this.token != null) ? "******" : "none") + ", cacheDirectory=" + this.cacheDirectory + ", offline="
				+ this.offline + "}";
	}

}

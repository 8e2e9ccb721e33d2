package dev.reranker.autoconfigure.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.reranker.local.Activation;
import dev.reranker.local.HuggingFaceHub;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.local.ModelArchitecture;
import dev.reranker.local.OnnxOptimization;
import dev.reranker.local.OnnxSessionSettings;
import dev.reranker.local.PromptTemplate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the local cross-encoder provider, under {@code reranker.local.*}.
 */
@ConfigurationProperties(prefix = LocalRerankerProperties.PREFIX)
public class LocalRerankerProperties implements Validator {

	public static final String PREFIX = "reranker.local";

	/**
	 * Cross-encoder to load: a Hugging Face repository id (such as
	 * 'cross-encoder/ms-marco-MiniLM-L6-v2', downloaded on first use), 'file:' followed
	 * by a model directory, or 'classpath:' followed by a model directory on the class
	 * path. The directory holds tokenizer.json, optionally config.json, and the graph at
	 * model.onnx or onnx/model.onnx.
	 */
	private @Nullable String model;

	/**
	 * Path of the graph inside the model directory or repository, to pick a variant such
	 * as 'onnx/model_quantized.onnx'. Unset looks for model.onnx, then onnx/model.onnx
	 * (model.pt for the PyTorch engine). External data beside it ('_data' or '.data'
	 * appended) is downloaded with it.
	 */
	private @Nullable String modelFile;

	/**
	 * Branch, tag or commit of the Hugging Face repository to download. Pin a commit for
	 * reproducible builds.
	 */
	private String revision = "main";

	/**
	 * Base URL of the Hugging Face hub or of a mirror with the same
	 * '{repo}/resolve/{revision}/{file}' layout.
	 */
	private URI hubUrl = HuggingFaceHub.DEFAULT_URL;

	/**
	 * Access token for gated or private repositories. Falls back to the HF_TOKEN
	 * environment variable. Never logged.
	 */
	private @Nullable String hubToken;

	/**
	 * Directory where downloaded models are cached. Defaults to 'reranker/models' under
	 * the user's cache directory ($XDG_CACHE_HOME or ~/.cache).
	 */
	private @Nullable Path cacheDir;

	/**
	 * Whether to use the model cache only and never touch the network; a missing file
	 * fails start-up.
	 */
	private boolean offline = false;

	/**
	 * Connect timeout and the longest wait for the hub's response headers when
	 * downloading.
	 */
	private Duration downloadTimeout = Duration.ofSeconds(30);

	/**
	 * DJL engine that runs the model: 'onnx-runtime' (ONNX graphs) or 'pytorch'
	 * (TorchScript exports; needs DJL's PyTorch engine on the class path).
	 */
	private LocalEngine engine = LocalEngine.ONNX_RUNTIME;

	/**
	 * Maximum tokens of a query-document pair; longer documents are truncated, queries
	 * never. Unset uses the model's limit from config.json, at most 512. At least the
	 * tokenizer's special tokens for a pair plus one token each (5 for BERT-style
	 * models); start-up fails below that.
	 */
	private @Nullable Integer maxLength;

	/**
	 * Most query-document pairs a forward pass holds. Pairs are sorted by length so each
	 * batch pads only to its own longest pair.
	 */
	private int batchSize = LocalRerankModel.DEFAULT_BATCH_SIZE;

	/**
	 * Most padded tokens (pairs times the longest pair) a forward pass holds, so short
	 * pairs travel in larger batches than long ones. A pair longer than this runs alone.
	 */
	private int batchTokens = LocalRerankModel.DEFAULT_BATCH_TOKENS;

	/**
	 * ONNX Runtime sessions that run forward passes in parallel, each on its own
	 * inference thread and shared by concurrent requests. Unset uses as many as the cores
	 * hold at 'intra-op-threads': one single-threaded session per core by default.
	 */
	private @Nullable Integer sessions;

	/**
	 * Threads one forward pass may use. Unset divides the cores among the sessions (all
	 * of them for the one default session; ONNX Runtime) or lets the engine use every
	 * core (PyTorch).
	 */
	private @Nullable Integer intraOpThreads;

	/**
	 * ONNX Runtime session options.
	 */
	private final Onnx onnx = new Onnx();

	/**
	 * How output logits become scores: 'auto' (sigmoid for one logit, softmax of the
	 * positive class for two), 'sigmoid', 'softmax', or 'none' for graphs that already
	 * return a probability.
	 */
	private Activation activation = Activation.AUTO;

	/**
	 * Whether the model is an encoder cross-encoder or a decoder LLM reranker: 'auto'
	 * decides from config.json (architectures ending in ForCausalLM, or a decoder
	 * model_type such as qwen3), 'encoder' or 'decoder' override it.
	 */
	private ModelArchitecture architecture = ModelArchitecture.AUTO;

	/**
	 * Prompt of decoder rerankers (Qwen3-Reranker, mxbai-rerank-v2).
	 */
	private final Decoder decoder = new Decoder();

	public ModelArchitecture getArchitecture() {
		return this.architecture;
	}

	public void setArchitecture(ModelArchitecture architecture) {
		this.architecture = architecture;
	}

	public Decoder getDecoder() {
		return this.decoder;
	}

	/**
	 * The prompt and answer tokens the properties describe: a preset with its own
	 * instruction and tokens unless overridden, or a template of their own.
	 * @return the prompt template
	 */
	public PromptTemplate promptTemplate() {
		String template = this.decoder.getPromptTemplate();
		PromptTemplate preset = PromptTemplate.preset(template);
		String instruction = this.decoder.getInstruction();
		String positive = this.decoder.getPositiveAnswer();
		String negative = this.decoder.getNegativeAnswer();
		return new PromptTemplate((preset != null) ? preset.template() : template,
				(instruction != null) ? instruction : (preset != null) ? preset.instruction() : "",
				(positive != null) ? positive : (preset != null) ? preset.positiveToken() : "yes",
				(negative != null) ? negative : (preset != null) ? preset.negativeToken() : "no");
	}

	/** Prompt settings of decoder rerankers. */
	public static class Decoder {

		/**
		 * Prompt around each query-document pair: a preset, 'qwen3-reranker' (answers
		 * yes/no) or 'mxbai-rerank-v2' (answers 1/0), or a template of your own holding
		 * {query} and {document} once each and optionally {instruction}.
		 */
		private String promptTemplate = "qwen3-reranker";

		/**
		 * Text that replaces {instruction} in the prompt. Unset uses the preset's (for
		 * qwen3-reranker: 'Given a web search query, retrieve relevant passages that
		 * answer the query').
		 */
		private @Nullable String instruction;

		/**
		 * Vocabulary token meaning relevant, read at the last position. Unset uses the
		 * preset's ('yes' or '1'; 'yes' for a template of your own).
		 */
		private @Nullable String positiveAnswer;

		/**
		 * Vocabulary token meaning not relevant. Unset uses the preset's ('no' or '0';
		 * 'no' for a template of your own).
		 */
		private @Nullable String negativeAnswer;

		public String getPromptTemplate() {
			return this.promptTemplate;
		}

		public void setPromptTemplate(String promptTemplate) {
			this.promptTemplate = promptTemplate;
		}

		public @Nullable String getInstruction() {
			return this.instruction;
		}

		public void setInstruction(@Nullable String instruction) {
			this.instruction = instruction;
		}

		public @Nullable String getPositiveAnswer() {
			return this.positiveAnswer;
		}

		public void setPositiveAnswer(@Nullable String positiveAnswer) {
			this.positiveAnswer = positiveAnswer;
		}

		public @Nullable String getNegativeAnswer() {
			return this.negativeAnswer;
		}

		public void setNegativeAnswer(@Nullable String negativeAnswer) {
			this.negativeAnswer = negativeAnswer;
		}

	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable String getModelFile() {
		return this.modelFile;
	}

	public void setModelFile(@Nullable String modelFile) {
		this.modelFile = modelFile;
	}

	public String getRevision() {
		return this.revision;
	}

	public void setRevision(String revision) {
		this.revision = revision;
	}

	public URI getHubUrl() {
		return this.hubUrl;
	}

	public void setHubUrl(URI hubUrl) {
		this.hubUrl = hubUrl;
	}

	public @Nullable String getHubToken() {
		return this.hubToken;
	}

	public void setHubToken(@Nullable String hubToken) {
		this.hubToken = hubToken;
	}

	public @Nullable Path getCacheDir() {
		return this.cacheDir;
	}

	public void setCacheDir(@Nullable Path cacheDir) {
		this.cacheDir = cacheDir;
	}

	public boolean isOffline() {
		return this.offline;
	}

	public void setOffline(boolean offline) {
		this.offline = offline;
	}

	public Duration getDownloadTimeout() {
		return this.downloadTimeout;
	}

	public void setDownloadTimeout(Duration downloadTimeout) {
		this.downloadTimeout = downloadTimeout;
	}

	public LocalEngine getEngine() {
		return this.engine;
	}

	public void setEngine(LocalEngine engine) {
		this.engine = engine;
	}

	public @Nullable Integer getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(@Nullable Integer maxLength) {
		this.maxLength = maxLength;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public int getBatchTokens() {
		return this.batchTokens;
	}

	public void setBatchTokens(int batchTokens) {
		this.batchTokens = batchTokens;
	}

	public @Nullable Integer getSessions() {
		return this.sessions;
	}

	public void setSessions(@Nullable Integer sessions) {
		this.sessions = sessions;
	}

	public Onnx getOnnx() {
		return this.onnx;
	}

	public @Nullable Integer getIntraOpThreads() {
		return this.intraOpThreads;
	}

	public void setIntraOpThreads(@Nullable Integer intraOpThreads) {
		this.intraOpThreads = intraOpThreads;
	}

	public Activation getActivation() {
		return this.activation;
	}

	public void setActivation(Activation activation) {
		this.activation = activation;
	}

	@Override
	public boolean supports(Class<?> type) {
		return LocalRerankerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		LocalRerankerProperties properties = (LocalRerankerProperties) target;
		String model = properties.getModel();
		if (model == null || model.isBlank()) {
			errors.rejectValue("model", "reranker.local.model.empty",
					"must name a cross-encoder: a Hugging Face repository id such as "
							+ "cross-encoder/ms-marco-MiniLM-L6-v2, file:<directory> or classpath:<directory>");
		}
		if (properties.getBatchSize() < 1) {
			errors.rejectValue("batchSize", "reranker.local.batch-size.range", "must be at least 1");
		}
		Integer maxLength = properties.getMaxLength();
		// The lower bound a model really needs depends on its tokenizer's special tokens;
		// loading the model checks it (LocalRerankModel.Builder#maxLength).
		if (maxLength != null && (maxLength < 1 || maxLength > 8192)) {
			errors.rejectValue("maxLength", "reranker.local.max-length.range", "must be between 1 and 8192");
		}
		if (properties.getBatchTokens() < 1) {
			errors.rejectValue("batchTokens", "reranker.local.batch-tokens.range", "must be at least 1");
		}
		Integer sessions = properties.getSessions();
		if (sessions != null && sessions < 1) {
			errors.rejectValue("sessions", "reranker.local.sessions.range", "must be at least 1");
		}
		Integer threads = properties.getIntraOpThreads();
		if (threads != null && threads < 1) {
			errors.rejectValue("intraOpThreads", "reranker.local.intra-op-threads.range", "must be at least 1");
		}
		if (properties.getRevision() == null || properties.getRevision().isBlank()) {
			errors.rejectValue("revision", "reranker.local.revision.empty", "must name a branch, tag or commit");
		}
		URI hubUrl = properties.getHubUrl();
		if (hubUrl == null || !("http".equals(hubUrl.getScheme()) || "https".equals(hubUrl.getScheme()))) {
			errors.rejectValue("hubUrl", "reranker.local.hub-url.scheme", "must be an http or https URL");
		}
		if (properties.getDownloadTimeout() == null || properties.getDownloadTimeout().isNegative()
				|| properties.getDownloadTimeout().isZero()) {
			errors.rejectValue("downloadTimeout", "reranker.local.download-timeout.range", "must be positive");
		}
	}

	@Override
	public String toString() {
		return "LocalRerankerProperties{model=" + this.model + ", modelFile=" + this.modelFile + ", revision="
				+ this.revision + ", hubUrl=" + this.hubUrl + ", hubToken="
				+ ((this.hubToken != null) ? "******" : null) + ", offline=" + this.offline + ", engine=" + this.engine
				+ "}";
	}

	/**
	 * ONNX Runtime session options of the local provider.
	 */
	public static class Onnx {

		/**
		 * Graph optimization level: 'none', 'basic', 'extended' (fused attention, GELU
		 * and layer norm) or 'all' (plus layouts for the CPU at hand).
		 */
		private OnnxOptimization optimization = OnnxSessionSettings.DEFAULTS.optimization();

		/**
		 * Whether idle intra-op threads spin waiting for work. Spinning hands work over
		 * faster on an idle machine and burns cores other threads need on a busy one; it
		 * does nothing with one intra-op thread per session.
		 */
		private boolean allowSpinning = OnnxSessionSettings.DEFAULTS.allowSpinning();

		/**
		 * Whether ONNX Runtime plans buffers from the previous run's shapes; that only
		 * helps when consecutive runs have the same shape.
		 */
		private boolean memoryPattern = OnnxSessionSettings.DEFAULTS.memoryPattern();

		/**
		 * Whether tensors are allocated from ONNX Runtime's CPU memory arena.
		 */
		private boolean cpuArena = OnnxSessionSettings.DEFAULTS.cpuArena();

		/**
		 * Whether the optimized graph is saved beside the model file (named after the
		 * model's hash, the runtime version and the level) and loaded from there on the
		 * next start, saving the optimization at start-up. Writes into the model's
		 * directory; skipped when it is not writable.
		 */
		private boolean cacheOptimizedModel = OnnxSessionSettings.DEFAULTS.cacheOptimizedModel();

		public OnnxOptimization getOptimization() {
			return this.optimization;
		}

		public void setOptimization(OnnxOptimization optimization) {
			this.optimization = optimization;
		}

		public boolean isAllowSpinning() {
			return this.allowSpinning;
		}

		public void setAllowSpinning(boolean allowSpinning) {
			this.allowSpinning = allowSpinning;
		}

		public boolean isMemoryPattern() {
			return this.memoryPattern;
		}

		public void setMemoryPattern(boolean memoryPattern) {
			this.memoryPattern = memoryPattern;
		}

		public boolean isCpuArena() {
			return this.cpuArena;
		}

		public void setCpuArena(boolean cpuArena) {
			this.cpuArena = cpuArena;
		}

		public boolean isCacheOptimizedModel() {
			return this.cacheOptimizedModel;
		}

		public void setCacheOptimizedModel(boolean cacheOptimizedModel) {
			this.cacheOptimizedModel = cacheOptimizedModel;
		}

		OnnxSessionSettings toSettings() {
			return new OnnxSessionSettings(this.optimization, this.allowSpinning, this.memoryPattern, this.cpuArena,
					this.cacheOptimizedModel);
		}

	}

}

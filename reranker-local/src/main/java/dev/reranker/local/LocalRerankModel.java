package dev.reranker.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.BudgetedRerankModel;
import dev.reranker.RerankException;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankModelObserver;
import dev.reranker.observation.SelfObservingRerankModel;
import dev.reranker.passage.PassageWindowing;
import dev.reranker.passage.WindowingRerankModel;

import org.springframework.util.Assert;

/**
 * A cross-encoder run in this JVM through DJL: each document is encoded together with the
 * query, the graph returns logits and {@link Activation} turns them into scores in
 * {@code [0, 1]}.
 * <p>
 * Only the document side is truncated to {@code maxLength} tokens; the query never is (a
 * query that leaves no room for a document fails the call). Pairs are sorted by token
 * length and run in batches of at most {@code batchTokens} padded tokens and
 * {@code batchSize} pairs, each padded to its own longest pair, spread over parallel
 * sessions (one single-threaded session per core by default). Loading validates the files
 * and the graph and runs a warm-up batch, so a bad model fails start-up with a
 * {@link LocalModelException} instead of the first request.
 * <p>
 * Thread-safe: one instance serves concurrent calls. {@link #close()} frees the native
 * model and tokenizer.
 */
public final class LocalRerankModel
		implements SelfObservingRerankModel, WindowingRerankModel, BudgetedRerankModel, AutoCloseable {

	/** The provider name in observations and errors. */
	public static final String PROVIDER = "local";

	/** Upper bound of the default max length. */
	public static final int DEFAULT_MAX_LENGTH_LIMIT = 512;

	/**
	 * Default number of pairs a forward pass holds at most: high enough that
	 * {@link #DEFAULT_BATCH_TOKENS} decides, except for very short pairs.
	 */
	public static final int DEFAULT_BATCH_SIZE = 64;

	private static final String COST_SAMPLE_QUERY = "what does a reranker do";

	private static final String COST_SAMPLE_DOCUMENT = "a reranker reads the query and each candidate document "
			+ "together and scores their relevance. ";

	/**
	 * Default number of padded tokens a forward pass holds at most (measured fastest on
	 * MiniLM-sized models, docs/benchmarks.md).
	 */
	public static final int DEFAULT_BATCH_TOKENS = 1024;

	private final String modelName;

	private final PairEncoder encoder;

	private final BatchScorer scorer;

	private final RerankModelObserver observer;

	private final TokenCostModel costModel;

	private LocalRerankModel(String modelName, PairEncoder encoder, BatchScorer scorer, RerankModelObserver observer,
			TokenCostModel costModel) {
		this.modelName = modelName;
		this.encoder = encoder;
		this.scorer = scorer;
		this.observer = observer;
		this.costModel = costModel;
	}

	/**
	 * Times a call of a few mid-length pairs (twice: the first run of a shape allocates)
	 * for the latency budget's first predictions.
	 */
	private static TokenCostModel measureCost(PairEncoder encoder, BatchScorer scorer) {
		String query = encoder.fits(COST_SAMPLE_QUERY) ? COST_SAMPLE_QUERY : "a";
		List<String> documents = Collections.nCopies(2 * scorer.sessions(), COST_SAMPLE_DOCUMENT.repeat(8));
		Encoding[] encodings = encoder.encode(query, documents);
		long nanos = Long.MAX_VALUE;
		for (int i = 0; i < 2; i++) {
			long start = System.nanoTime();
			scorer.score(encodings);
			nanos = Math.min(nanos, System.nanoTime() - start);
		}
		return new TokenCostModel(nanos / TokenCostModel.units(encodings));
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public RerankResponse call(RerankRequest request) {
		return this.observer.observe(this, request, this::rerank);
	}

	private RerankResponse rerank(RerankRequest request) {
		List<String> documents = request.documents();
		RerankResponseMetadata metadata = new RerankResponseMetadata(this.modelName);
		if (documents.isEmpty()) {
			return new RerankResponse(List.of(), metadata);
		}
		long start = System.nanoTime();
		Encoding[] encodings = this.encoder.encode(request.query(), documents);
		double[] scores = this.scorer.score(encodings);
		this.costModel.observe(TokenCostModel.units(encodings), System.nanoTime() - start);
		List<RerankResult> results = new ArrayList<>(scores.length);
		for (int i = 0; i < scores.length; i++) {
			results.add(new RerankResult(i, scores[i])
				.checkScore(problem -> new RerankException(PROVIDER, "model '" + this.modelName + "': " + problem
						+ "; set " + LocalSetting.ACTIVATION + " to SIGMOID or SOFTMAX if the graph returns logits")));
		}
		return new RerankResponse(results, metadata);
	}

	/**
	 * Predicts from the pairs' token counts how many of the first texts fit the budget,
	 * with the time per token measured at warm-up and updated after every call. The texts
	 * are tokenized for that, and the time it takes comes off the budget.
	 */
	@Override
	public int affordable(String query, List<String> texts, Duration budget) {
		if (texts.isEmpty()) {
			return 0;
		}
		long start = System.nanoTime();
		Encoding[] encodings = this.encoder.encode(query, texts);
		int[] lengths = new int[encodings.length];
		for (int i = 0; i < lengths.length; i++) {
			lengths[i] = encodings[i].getIds().length;
		}
		return this.costModel.affordable(lengths, budget.minusNanos(System.nanoTime() - start));
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return RerankOptions.builder().model(this.modelName).build();
	}

	@Override
	public String getProviderName() {
		return PROVIDER;
	}

	@Override
	public ObservationRegistry getObservationRegistry() {
		return this.observer.getObservationRegistry();
	}

	/**
	 * The maximum number of tokens of a query-document pair.
	 * @return the max length in tokens
	 */
	public int getMaxLength() {
		return this.encoder.maxLength();
	}

	/**
	 * The pairs a forward pass takes at most.
	 * @return the batch size
	 */
	public int getBatchSize() {
		return this.scorer.batchSize();
	}

	/**
	 * Windows of long documents in this model's own tokens: the room for a document is
	 * {@code maxLength} minus the tokenizer's special tokens for a pair and the query's
	 * tokens, as {@link #call(RerankRequest)} truncates; for
	 * {@code LongDocuments.maxPassage}.
	 * @return the windowing, valid while this model is open
	 */
	@Override
	public PassageWindowing passageWindowing() {
		return new TokenizerPassageWindowing(this.encoder);
	}

	/**
	 * The padded tokens a forward pass holds at most.
	 * @return the token budget of a batch
	 */
	public int getBatchTokens() {
		return this.scorer.batchTokens();
	}

	/**
	 * The sessions that run forward passes in parallel.
	 * @return the number of sessions
	 */
	public int getSessions() {
		return this.scorer.sessions();
	}

	/**
	 * Encodes a query-document pair the way {@link #call(RerankRequest)} does, for
	 * diagnostics and tests.
	 * @param query the query
	 * @param document the document
	 * @return the encoding (ids, type ids, attention mask), unpadded
	 */
	public Encoding encode(String query, String document) {
		return this.encoder.encode(query, document);
	}

	/** Frees the native model and tokenizer. Calls after closing fail. */
	@Override
	public void close() {
		try {
			this.scorer.close();
		}
		finally {
			this.encoder.close();
		}
	}

	@Override
	public String toString() {
		return "LocalRerankModel{model=" + this.modelName + ", runtime=" + this.scorer.runtimeDescription()
				+ ", maxLength=" + getMaxLength() + ", batchSize=" + getBatchSize() + ", batchTokens="
				+ getBatchTokens() + ", sessions=" + getSessions() + ", activation=" + this.scorer.activation() + "}";
	}

	/** Builder for {@link LocalRerankModel}. */
	public static final class Builder {

		private @Nullable LocalModelFiles files;

		private @Nullable String modelName;

		private LocalEngine engine = LocalEngine.ONNX_RUNTIME;

		private @Nullable Integer maxLength;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private @Nullable Integer intraOpThreads;

		private int batchTokens = DEFAULT_BATCH_TOKENS;

		private @Nullable Integer sessions;

		private OnnxSessionSettings onnxSessionSettings = OnnxSessionSettings.DEFAULTS;

		private Activation activation = Activation.AUTO;

		private ModelArchitecture architecture = ModelArchitecture.AUTO;

		private PromptTemplate promptTemplate = PromptTemplate.QWEN3_RERANKER;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankModelObservationConvention observationConvention;

		private Builder() {
		}

		/** The model files (required). */
		public Builder files(LocalModelFiles files) {
			this.files = files;
			return this;
		}

		/**
		 * The name reported in responses and observations; defaults to the model
		 * directory's name.
		 */
		public Builder modelName(@Nullable String modelName) {
			this.modelName = modelName;
			return this;
		}

		/** The DJL engine; ONNX Runtime by default. */
		public Builder engine(LocalEngine engine) {
			this.engine = engine;
			return this;
		}

		/** Tokens per pair, or {@code null} for the model's limit capped at 512. */
		public Builder maxLength(@Nullable Integer maxLength) {
			this.maxLength = maxLength;
			return this;
		}

		/** Pairs a forward pass holds at most. */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Padded tokens ({@code pairs × longest pair}) a forward pass holds at most:
		 * short pairs travel in larger batches than long ones. A pair longer than the
		 * budget runs alone.
		 */
		public Builder batchTokens(int batchTokens) {
			this.batchTokens = batchTokens;
			return this;
		}

		/**
		 * ONNX Runtime sessions that run a call's batches in parallel, each on its own
		 * inference thread, or {@code null} for as many as the cores hold at
		 * {@link #intraOpThreads(Integer)} (one single-threaded session per core by
		 * default). Concurrent calls share them, which bounds the inference threads.
		 * PyTorch always uses one.
		 */
		public Builder sessions(@Nullable Integer sessions) {
			this.sessions = sessions;
			return this;
		}

		/**
		 * How ONNX Runtime sessions are created; {@link OnnxSessionSettings#DEFAULTS}.
		 */
		public Builder onnxSessionSettings(OnnxSessionSettings onnxSessionSettings) {
			this.onnxSessionSettings = onnxSessionSettings;
			return this;
		}

		/**
		 * Threads one forward pass uses, or {@code null} for the cores divided among the
		 * sessions (ONNX Runtime) or the engine's default (PyTorch, whose pool is
		 * process-wide; see the log).
		 */
		public Builder intraOpThreads(@Nullable Integer intraOpThreads) {
			this.intraOpThreads = intraOpThreads;
			return this;
		}

		/** How logits become scores. */
		public Builder activation(Activation activation) {
			this.activation = activation;
			return this;
		}

		/**
		 * Encoder cross-encoder or decoder reranker; {@link ModelArchitecture#AUTO} (the
		 * default) decides from config.json.
		 */
		public Builder architecture(ModelArchitecture architecture) {
			this.architecture = architecture;
			return this;
		}

		/**
		 * A decoder reranker's prompt and answer tokens; default
		 * {@link PromptTemplate#QWEN3_RERANKER}. Not used by encoders.
		 */
		public Builder promptTemplate(PromptTemplate promptTemplate) {
			this.promptTemplate = promptTemplate;
			return this;
		}

		/**
		 * Where each call is observed as {@code gen_ai.client.operation}; default
		 * {@link ObservationRegistry#NOOP}.
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/** Names and tags the call observations; default the Spring AI style ones. */
		public Builder observationConvention(@Nullable RerankModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Loads, validates and warms up the model.
		 * @return the model, ready for concurrent use
		 * @throws LocalModelException naming the file that is missing or wrong
		 */
		public LocalRerankModel build() {
			Assert.notNull(this.files, "LocalRerankModel.Builder#files must be set");
			Assert.notNull(this.onnxSessionSettings, "LocalRerankModel.Builder#onnxSessionSettings must not be null");
			InferenceSettings inference = new InferenceSettings(this.batchSize, this.batchTokens, this.sessions,
					this.intraOpThreads, this.onnxSessionSettings);
			LocalModelFiles files = this.files;
			String name = (this.modelName != null) ? this.modelName : directoryName(files);
			LocalModelLoader.Loaded loaded = new LocalModelLoader(files, this.engine, this.maxLength, inference,
					this.activation, this.architecture, this.promptTemplate)
				.load(name);
			TokenCostModel costModel;
			try {
				costModel = measureCost(loaded.encoder(), loaded.scorer());
			}
			catch (RuntimeException ex) {
				loaded.scorer().close();
				loaded.encoder().close();
				throw ex;
			}
			return new LocalRerankModel(name, loaded.encoder(), loaded.scorer(),
					new RerankModelObserver(this.observationRegistry, this.observationConvention), costModel);
		}

		private static String directoryName(LocalModelFiles files) {
			Path dir = files.tokenizer().getParent();
			return (dir != null && dir.getFileName() != null) ? dir.getFileName().toString() : "local";
		}

	}

}

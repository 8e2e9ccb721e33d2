package dev.reranker.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

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
 * length and run in batches of {@code batchSize}, each padded to its own longest pair.
 * Loading validates the files and the graph and runs a warm-up batch, so a bad model
 * fails start-up with a {@link LocalModelException} instead of the first request.
 * <p>
 * Thread-safe: one instance serves concurrent calls. {@link #close()} frees the native
 * model and tokenizer.
 */
public final class LocalRerankModel implements SelfObservingRerankModel, WindowingRerankModel, AutoCloseable {

	/** The provider name in observations and errors. */
	public static final String PROVIDER = "local";

	/** Upper bound of the default max length. */
	public static final int DEFAULT_MAX_LENGTH_LIMIT = 512;

	/** Default number of pairs per forward pass. */
	public static final int DEFAULT_BATCH_SIZE = 4;

	private final String modelName;

	private final PairEncoder encoder;

	private final BatchScorer scorer;

	private final RerankModelObserver observer;

	private LocalRerankModel(String modelName, PairEncoder encoder, BatchScorer scorer, RerankModelObserver observer) {
		this.modelName = modelName;
		this.encoder = encoder;
		this.scorer = scorer;
		this.observer = observer;
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
		double[] scores = this.scorer.score(this.encoder.encode(request.query(), documents));
		List<RerankResult> results = new ArrayList<>(scores.length);
		for (int i = 0; i < scores.length; i++) {
			results.add(new RerankResult(i, scores[i])
				.checkScore(problem -> new RerankException(PROVIDER, "model '" + this.modelName + "': " + problem
						+ "; set " + LocalSetting.ACTIVATION + " to SIGMOID or SOFTMAX if the graph returns logits")));
		}
		return new RerankResponse(results, metadata);
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
				+ ", maxLength=" + getMaxLength() + ", batchSize=" + getBatchSize() + ", activation="
				+ this.scorer.activation() + "}";
	}

	/** Builder for {@link LocalRerankModel}. */
	public static final class Builder {

		private @Nullable LocalModelFiles files;

		private @Nullable String modelName;

		private LocalEngine engine = LocalEngine.ONNX_RUNTIME;

		private @Nullable Integer maxLength;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private @Nullable Integer intraOpThreads;

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

		/** Pairs per forward pass. */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Threads one forward pass uses, or {@code null} for the engine's default (all
		 * cores). For ONNX Runtime per model; for PyTorch the process-wide pool (see the
		 * log).
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
			Assert.isTrue(this.batchSize >= 1, () -> LocalSetting.BATCH_SIZE + " must be at least 1");
			Assert.isTrue(this.intraOpThreads == null || this.intraOpThreads >= 1,
					() -> LocalSetting.INTRA_OP_THREADS + " must be at least 1");
			LocalModelFiles files = this.files;
			String name = (this.modelName != null) ? this.modelName : directoryName(files);
			LocalModelLoader.Loaded loaded = new LocalModelLoader(files, this.engine, this.maxLength, this.batchSize,
					this.intraOpThreads, this.activation, this.architecture, this.promptTemplate)
				.load(name);
			return new LocalRerankModel(name, loaded.encoder(), loaded.scorer(),
					new RerankModelObserver(this.observationRegistry, this.observationConvention));
		}

		private static String directoryName(LocalModelFiles files) {
			Path dir = files.tokenizer().getParent();
			return (dir != null && dir.getFileName() != null) ? dir.getFileName().toString() : "local";
		}

	}

}

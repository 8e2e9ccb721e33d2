package dev.reranker.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.RerankException;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankModelObserver;
import dev.reranker.observation.SelfObservingRerankModel;

import org.springframework.util.Assert;

/**
 * A cross-encoder run in this JVM through DJL: each document is encoded together with the
 * query ({@code [CLS] query [SEP] document [SEP]} for BERT-style tokenizers), the graph
 * returns logits and {@link Activation} turns them into scores in {@code [0, 1]}.
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
public final class LocalRerankModel implements SelfObservingRerankModel, AutoCloseable {

	/** The provider name in observations and errors. */
	public static final String PROVIDER = "local";

	/** Upper bound of the default max length. */
	public static final int DEFAULT_MAX_LENGTH_LIMIT = 512;

	/** Default number of pairs per forward pass. */
	public static final int DEFAULT_BATCH_SIZE = 4;

	/**
	 * Characters of a document kept per token of max length before tokenization: bounds
	 * tokenizer work and memory for megabyte-sized documents, far above what
	 * {@code maxLength} tokens ever span in natural text.
	 */
	static final int CHARS_PER_TOKEN_BOUND = 32;

	private static final Logger logger = LoggerFactory.getLogger(LocalRerankModel.class);

	private final String modelName;

	private final HuggingFaceTokenizer tokenizer;

	/**
	 * Same vocabulary, no truncation: measures queries without risking a truncation
	 * error.
	 */
	private final HuggingFaceTokenizer lengthTokenizer;

	/** Special tokens a pair adds ([CLS], [SEP], [SEP] for BERT). */
	private final int pairOverhead;

	private final CrossEncoderRuntime runtime;

	private final boolean withTypeIds;

	private final int maxLength;

	private final int batchSize;

	private final Activation activation;

	private final long padId;

	private final RerankModelObserver observer;

	/**
	 * Padding positions are masked out, so any valid id works; 0 is [PAD] in BERT
	 * vocabularies.
	 */
	private static final long PAD_ID = 0;

	private LocalRerankModel(String modelName, HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer lengthTokenizer,
			CrossEncoderRuntime runtime, boolean withTypeIds, int maxLength, int batchSize, Activation activation,
			long padId, RerankModelObserver observer) {
		this.modelName = modelName;
		this.observer = observer;
		this.tokenizer = tokenizer;
		this.lengthTokenizer = lengthTokenizer;
		this.pairOverhead = lengthTokenizer.encode("", "").getIds().length;
		this.runtime = runtime;
		this.withTypeIds = withTypeIds;
		this.maxLength = maxLength;
		this.batchSize = batchSize;
		this.activation = activation;
		this.padId = padId;
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
		Encoding[] encodings = encode(request.query(), documents);
		double[] scores = score(encodings);
		List<RerankResult> results = new ArrayList<>(scores.length);
		for (int i = 0; i < scores.length; i++) {
			results.add(new RerankResult(i, scores[i]).checkScore(problem -> new RerankException(PROVIDER,
					"model '" + this.modelName + "': " + problem + "; set reranker.local.activation to 'sigmoid' or "
							+ "'softmax' if the graph returns logits")));
		}
		return new RerankResponse(results, metadata);
	}

	private Encoding[] encode(String query, List<String> documents) {
		// DJL's pair encoding aborts the JVM (a Rust panic) when only-second truncation
		// cannot
		// make room, so the query's length is checked before any pair is encoded.
		int queryTokens = this.lengthTokenizer.encode(query, false, false).getIds().length;
		if (queryTokens + this.pairOverhead >= this.maxLength) {
			throw new RerankException(PROVIDER,
					"the query has " + queryTokens + " tokens, which leaves no room "
							+ "for a document within reranker.local.max-length=" + this.maxLength
							+ " (the query is never truncated); shorten the query or raise max-length");
		}
		int maxChars = this.maxLength * CHARS_PER_TOKEN_BOUND;
		PairList<String, String> pairs = new PairList<>(documents.size());
		for (String document : documents) {
			pairs.add(query, (document.length() > maxChars) ? document.substring(0, maxChars) : document);
		}
		try {
			return this.tokenizer.batchEncode(pairs);
		}
		catch (RuntimeException ex) {
			throw new RerankException(PROVIDER, "tokenization failed: " + ex.getMessage(), ex);
		}
	}

	private double[] score(Encoding[] encodings) {
		Integer[] order = new Integer[encodings.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> encodings[i].getIds().length).reversed());
		double[] scores = new double[encodings.length];
		for (int start = 0; start < order.length; start += this.batchSize) {
			int end = Math.min(order.length, start + this.batchSize);
			EncodedBatch batch = pad(encodings, order, start, end);
			float[][] logits;
			try {
				logits = this.runtime.run(batch, this.withTypeIds);
			}
			catch (RuntimeException ex) {
				throw new RerankException(PROVIDER,
						"inference with model '" + this.modelName + "' failed: " + ex.getMessage(), ex);
			}
			for (int row = 0; row < batch.rows(); row++) {
				scores[order[start + row]] = this.activation.apply(logits[row]);
			}
		}
		return scores;
	}

	private EncodedBatch pad(Encoding[] encodings, Integer[] order, int start, int end) {
		int rows = end - start;
		int columns = 0;
		for (int i = start; i < end; i++) {
			columns = Math.max(columns, encodings[order[i]].getIds().length);
		}
		long[] ids = new long[rows * columns];
		long[] mask = new long[rows * columns];
		long[] types = new long[rows * columns];
		Arrays.fill(ids, this.padId);
		for (int row = 0; row < rows; row++) {
			Encoding encoding = encodings[order[start + row]];
			int length = encoding.getIds().length;
			System.arraycopy(encoding.getIds(), 0, ids, row * columns, length);
			System.arraycopy(encoding.getAttentionMask(), 0, mask, row * columns, length);
			System.arraycopy(encoding.getTypeIds(), 0, types, row * columns, length);
		}
		return new EncodedBatch(ids, mask, types, rows, columns);
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
		return this.maxLength;
	}

	/**
	 * The pairs a forward pass takes at most.
	 * @return the batch size
	 */
	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * Encodes a query-document pair the way {@link #call(RerankRequest)} does, for
	 * diagnostics and tests.
	 * @param query the query
	 * @param document the document
	 * @return the encoding (ids, type ids, attention mask), unpadded
	 */
	public Encoding encode(String query, String document) {
		return encode(query, List.of(document))[0];
	}

	/** Frees the native model and tokenizer. Calls after closing fail. */
	@Override
	public void close() {
		try {
			this.runtime.close();
		}
		finally {
			this.tokenizer.close();
			this.lengthTokenizer.close();
		}
	}

	@Override
	public String toString() {
		return "LocalRerankModel{model=" + this.modelName + ", runtime=" + this.runtime.description() + ", maxLength="
				+ this.maxLength + ", batchSize=" + this.batchSize + ", activation=" + this.activation + "}";
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
		 * cores).
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
			Assert.notNull(this.files, "files must be set");
			Assert.isTrue(this.batchSize >= 1, "batchSize must be at least 1");
			Assert.isTrue(this.intraOpThreads == null || this.intraOpThreads >= 1, "intraOpThreads must be at least 1");
			LocalModelFiles files = this.files;
			DjlSettings.applyOfflineDefault();
			ModelMetadata metadata = ModelMetadata.read(files);
			int length = resolveMaxLength(files, metadata);
			if (metadata.vocabSize() != null && metadata.maxTokenId() >= metadata.vocabSize()) {
				throw new LocalModelException(files.tokenizer(),
						"Tokenizer does not match the model: it produces token ids up to " + metadata.maxTokenId()
								+ " but " + LocalModelFiles.CONFIG + " says vocab_size=" + metadata.vocabSize(),
						"the tokenizer.json saved together with this model");
			}
			String name = (this.modelName != null) ? this.modelName : directoryName(files);
			HuggingFaceTokenizer tokenizer = loadTokenizer(files, length, true);
			HuggingFaceTokenizer lengthTokenizer = loadTokenizer(files, length, false);
			CrossEncoderRuntime runtime = null;
			try {
				runtime = loadRuntime(files);
				boolean withTypeIds = checkInputs(files, runtime.inputNames());
				LocalRerankModel model = new LocalRerankModel(name, tokenizer, lengthTokenizer, runtime, withTypeIds,
						length, this.batchSize, this.activation, PAD_ID,
						new RerankModelObserver(this.observationRegistry, this.observationConvention));
				model.probe(files, metadata);
				logger.info("Loaded local cross-encoder '{}' from {} on {} (max length {}, batch size {})", name,
						files.model(), runtime.description(), length, this.batchSize);
				return model;
			}
			catch (RuntimeException ex) {
				if (runtime != null) {
					runtime.close();
				}
				tokenizer.close();
				lengthTokenizer.close();
				throw ex;
			}
		}

		private int resolveMaxLength(LocalModelFiles files, ModelMetadata metadata) {
			Integer positions = metadata.maxPositions();
			if (this.maxLength == null) {
				return (positions != null) ? Math.min(DEFAULT_MAX_LENGTH_LIMIT, positions) : DEFAULT_MAX_LENGTH_LIMIT;
			}
			if (this.maxLength < 8) {
				throw new LocalModelException(null, "reranker.local.max-length=" + this.maxLength + " is too small",
						"at least 8 tokens, typically the model's limit (512 for BERT-style cross-encoders)");
			}
			if (positions != null && this.maxLength > positions) {
				throw new LocalModelException(files.config(),
						"reranker.local.max-length=" + this.maxLength + " exceeds the model's max_position_embeddings="
								+ positions,
						"reranker.local.max-length of at most " + positions + ", or unset to use the model's limit");
			}
			return this.maxLength;
		}

		private static String directoryName(LocalModelFiles files) {
			java.nio.file.Path dir = files.tokenizer().getParent();
			return (dir != null && dir.getFileName() != null) ? dir.getFileName().toString() : "local";
		}

		private static HuggingFaceTokenizer loadTokenizer(LocalModelFiles files, int maxLength, boolean truncate) {
			try {
				HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder()
					.optTokenizerPath(files.tokenizer())
					.optAddSpecialTokens(true)
					.optPadding(false)
					.optMaxLength(maxLength);
				return (truncate ? builder.optTruncateSecondOnly() : builder.optTruncation(false)).build();
			}
			catch (Exception ex) {
				throw new LocalModelException(files.tokenizer(),
						"Tokenizer file could not be loaded by DJL's Hugging Face tokenizers (" + ex.getMessage() + ")",
						"a tokenizer.json written by the Hugging Face tokenizers library", ex);
			}
		}

		private CrossEncoderRuntime loadRuntime(LocalModelFiles files) {
			if (this.engine == LocalEngine.ONNX_RUNTIME && !OnnxRuntimeEnvironment.claim()) {
				return OrtSessionRuntime.load(files.model(), this.intraOpThreads);
			}
			if (this.engine == LocalEngine.PYTORCH && this.intraOpThreads != null
					&& System.getProperty("ai.djl.pytorch.num_threads") == null) {
				System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(this.intraOpThreads));
			}
			if (!ai.djl.engine.Engine.hasEngine(this.engine.djlName())) {
				throw new LocalModelException(null,
						"DJL engine '" + this.engine.djlName() + "' is not on the class path",
						(this.engine == LocalEngine.PYTORCH)
								? "ai.djl.pytorch:pytorch-engine with pytorch-jni and the pytorch-native-cpu jar for "
										+ "your platform, or reranker.local.engine=onnx-runtime"
								: "ai.djl.onnxruntime:onnxruntime-engine on the class path");
			}
			return DjlRuntime.load(files.model(), this.engine, this.intraOpThreads);
		}

		private static boolean checkInputs(LocalModelFiles files, List<String> inputs) {
			if (inputs.isEmpty()) {
				return true;
			}
			List<String> unexpected = new ArrayList<>(inputs);
			unexpected.removeAll(List.of("input_ids", "attention_mask", "token_type_ids"));
			if (!inputs.contains("input_ids") || !inputs.contains("attention_mask") || !unexpected.isEmpty()) {
				throw new LocalModelException(files.model(), "Graph inputs are " + inputs,
						"a cross-encoder graph with inputs input_ids and attention_mask (and optionally "
								+ "token_type_ids), int64 [batch, sequence]");
			}
			return inputs.contains("token_type_ids");
		}

	}

	/**
	 * Runs the graph on real pairs before the first request: checks the output shape,
	 * that the graph accepts every token id the tokenizer can produce, and warms up the
	 * engine.
	 */
	private void probe(LocalModelFiles files, ModelMetadata metadata) {
		Encoding sample = encode("what does a reranker do", List
			.of("a reranker reads the query and each candidate document together and scores their relevance"))[0];
		int rows = Math.min(this.batchSize, 8);
		Encoding[] warmUp = new Encoding[rows];
		Arrays.fill(warmUp, sample);
		Integer[] order = new Integer[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		EncodedBatch batch = pad(warmUp, order, 0, rows);
		float[][] logits;
		try {
			logits = this.runtime.run(batch, this.withTypeIds);
		}
		catch (RuntimeException ex) {
			throw new LocalModelException(files.model(), "Graph failed on a sample batch (" + ex.getMessage() + ")",
					"a cross-encoder graph taking input_ids, attention_mask (and token_type_ids) as int64 "
							+ "[batch, sequence] and returning logits [batch, 1] or [batch, 2]",
					ex);
		}
		int labels = logits[0].length;
		boolean supported = switch (this.activation) {
			case AUTO -> labels == 1 || labels == 2;
			case SOFTMAX -> labels >= 2;
			default -> labels >= 1;
		};
		if (!supported) {
			throw new LocalModelException(files.model(), "Graph returns " + labels + " values per pair",
					"logits [batch, 1] (sigmoid) or [batch, 2] (softmax of the positive class); for other heads set "
							+ "reranker.local.activation to 'sigmoid', 'softmax' or 'none' to use the last value");
		}
		long[] ids = batch.ids().clone();
		ids[1] = metadata.maxTokenId();
		try {
			this.runtime.run(new EncodedBatch(ids, batch.attentionMask(), batch.typeIds(), rows, batch.columns()),
					this.withTypeIds);
		}
		catch (RuntimeException ex) {
			throw new LocalModelException(files.tokenizer(),
					"Tokenizer does not match the model: the graph rejects " + "token id " + metadata.maxTokenId()
							+ " that the tokenizer can produce (" + ex.getMessage() + ")",
					"the tokenizer.json saved together with " + files.model().getFileName(), ex);
		}
	}

}

package dev.reranker.local;

import java.nio.file.Path;
import java.util.Arrays;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a cross-encoder for {@link LocalRerankModel.Builder#build()}: checks the files
 * against each other, loads tokenizer and graph on the chosen engine, and probes the
 * graph with a real batch (output shape, the highest token id, warm-up), so that a bad
 * model fails start-up with a {@link LocalModelException} naming the file instead of
 * failing the first request.
 */
final class LocalModelLoader {

	private static final Logger logger = LoggerFactory.getLogger(LocalModelLoader.class);

	private static final String PROBE_QUERY = "what does a reranker do";

	/** The longest warm-up batch: enough to size the engine's buffers for typical use. */
	private static final int MAX_PROBE_ROWS = 8;

	private final LocalModelFiles files;

	private final LocalEngine engine;

	private final @Nullable Integer maxLength;

	private final InferenceSettings inference;

	private final Activation activation;

	private final ModelArchitecture architecture;

	private final PromptTemplate template;

	LocalModelLoader(LocalModelFiles files, LocalEngine engine, @Nullable Integer maxLength,
			InferenceSettings inference, Activation activation, ModelArchitecture architecture,
			PromptTemplate template) {
		this.files = files;
		this.engine = engine;
		this.maxLength = maxLength;
		this.inference = inference;
		this.activation = activation;
		this.architecture = architecture;
		this.template = template;
	}

	/**
	 * Loads, validates and warms up the model.
	 * @param modelName the model's name, for logs and errors
	 * @return the encoder and scorer, owned by the caller
	 * @throws LocalModelException naming the file that is missing or wrong
	 */
	Loaded load(String modelName) {
		DjlSettings.applyOfflineDefault();
		ModelMetadata metadata = ModelMetadata.read(this.files);
		int length = resolveMaxLength(metadata);
		Integer vocabSize = metadata.vocabSize();
		if (vocabSize != null && metadata.maxTokenId() >= vocabSize) {
			throw new LocalModelException(this.files.tokenizer(),
					"Tokenizer does not match the model: it produces token ids up to " + metadata.maxTokenId() + " but "
							+ LocalModelFiles.CONFIG + " says vocab_size=" + vocabSize,
					"the tokenizer.json saved together with this model");
		}
		boolean decoder = (this.architecture == ModelArchitecture.AUTO) ? metadata.decoder()
				: this.architecture == ModelArchitecture.DECODER;
		long[] answerTokens = decoder ? answerTokens(metadata) : null;
		PairEncoder encoder = decoder ? PromptPairs.load(this.files, this.template, length)
				: CrossEncoderPairs.load(this.files, length);
		InferenceLanes lanes = null;
		try {
			checkRoomForAPair(encoder, length);
			lanes = loadLanes();
			CrossEncoderRuntime first = lanes.first();
			GraphSignature signature = GraphSignature.of(first.inputNames(), first.outputNames(), answerTokens,
					this.files.model());
			BatchLayout layout = new BatchLayout(metadata.padId(), decoder, metadata.firstPosition(), signature);
			BatchScorer scorer = new BatchScorer(modelName, lanes, layout, this.inference.batches(), this.activation);
			probe(encoder, scorer, metadata.maxTokenId());
			logger.info(
					"Loaded local {} reranker '{}' from {} on {} (max length {}, batches of at most {} pairs and {} "
							+ "tokens, {} session(s), pad id {} from {}, inputs {})",
					decoder ? "decoder" : "cross-encoder", modelName, this.files.model(), scorer.runtimeDescription(),
					length, this.inference.batchSize(), this.inference.batchTokens(), lanes.size(), metadata.padId(),
					metadata.padSource(), signature.inputs());
			return new Loaded(encoder, scorer);
		}
		catch (RuntimeException ex) {
			if (lanes != null) {
				lanes.close();
			}
			encoder.close();
			throw ex;
		}
	}

	/**
	 * The vocabulary ids of the negative and positive answer, in that order, so that
	 * softmax's positive (last) class is the positive token.
	 */
	private long[] answerTokens(ModelMetadata metadata) {
		long[] ids = new long[2];
		String[] tokens = { this.template.negativeToken(), this.template.positiveToken() };
		LocalSetting[] settings = { LocalSetting.NEGATIVE_ANSWER, LocalSetting.POSITIVE_ANSWER };
		for (int i = 0; i < 2; i++) {
			Long id = metadata.tokenId(tokens[i]);
			if (id == null) {
				throw new LocalModelException(this.files.tokenizer(),
						settings[i] + "='" + tokens[i] + "' is not a token of this tokenizer",
						settings[i] + " spelled as the vocabulary spells it (e.g. 'yes'/'no' for Qwen3-Reranker, "
								+ "'1'/'0' for mxbai-rerank-v2)");
			}
			ids[i] = id;
		}
		return ids;
	}

	private int resolveMaxLength(ModelMetadata metadata) {
		Integer positions = metadata.usableLength();
		if (this.maxLength == null) {
			return (positions != null) ? Math.min(LocalRerankModel.DEFAULT_MAX_LENGTH_LIMIT, positions)
					: LocalRerankModel.DEFAULT_MAX_LENGTH_LIMIT;
		}
		if (this.maxLength < 1) {
			throw new LocalModelException(null, LocalSetting.MAX_LENGTH + "=" + this.maxLength + " is not positive",
					"a number of tokens, typically the model's limit (512 for BERT-style cross-encoders)");
		}
		if (positions != null && this.maxLength > positions) {
			Integer declared = metadata.maxPositions();
			String limit = (declared != null && declared.intValue() == positions.intValue())
					? "max_position_embeddings=" + positions
					: "limit of " + positions + " tokens (" + metadata.usableLengthReason() + ")";
			throw new LocalModelException(this.files.config(),
					LocalSetting.MAX_LENGTH + "=" + this.maxLength + " exceeds the model's " + limit,
					LocalSetting.MAX_LENGTH + " of at most " + positions + ", or unset to use the model's limit");
		}
		return this.maxLength;
	}

	/**
	 * The smallest usable length depends on the tokenizer (BERT adds [CLS], [SEP],
	 * [SEP]); below it not even a one-token query and document fit, and every call would
	 * fail.
	 */
	private void checkRoomForAPair(PairEncoder encoder, int length) {
		int minimum = encoder.minimumMaxLength();
		if (length < minimum) {
			throw new LocalModelException(null,
					LocalSetting.MAX_LENGTH + "=" + length + " is too small for this model: a query and document pair"
							+ " needs " + (minimum - 2) + " " + encoder.overheadName()
							+ " plus at least one token of each",
					LocalSetting.MAX_LENGTH + " of at least " + minimum
							+ " (real queries need more), typically the model's limit (512 for BERT-style"
							+ " cross-encoders)");
		}
	}

	private InferenceLanes loadLanes() {
		if (this.engine == LocalEngine.ONNX_RUNTIME) {
			// DJL's engine owns the environment when it can start; the sessions are ours
			// either way
			boolean shared = !OnnxRuntimeEnvironment.claim();
			int cores = Runtime.getRuntime().availableProcessors();
			int threads = this.inference.resolvedIntraOpThreads(cores);
			return InferenceLanes.open(this.inference.resolvedSessions(cores),
					(lane) -> OrtSessionRuntime.load(this.files.model(), threads, this.inference.onnx(), shared));
		}
		return InferenceLanes.open(1, (lane) -> loadDjlRuntime());
	}

	private CrossEncoderRuntime loadDjlRuntime() {
		Path model = this.files.model();
		Integer intraOpThreads = this.inference.intraOpThreads();
		if (!Engine.hasEngine(this.engine.djlName())) {
			throw new LocalModelException(null, "DJL engine '" + this.engine.djlName() + "' is not on the class path",
					(this.engine == LocalEngine.PYTORCH)
							? "ai.djl.pytorch:pytorch-engine with pytorch-jni and the pytorch-native-cpu jar for "
									+ "your platform, or " + LocalSetting.ENGINE + "=" + LocalEngine.ONNX_RUNTIME
							: "ai.djl.onnxruntime:onnxruntime-engine on the class path");
		}
		if (this.engine == LocalEngine.PYTORCH && intraOpThreads != null) {
			// the engine starts on first use; the pool is sized once it has
			Engine.getEngine(this.engine.djlName());
			PyTorchThreads.apply(intraOpThreads);
		}
		return DjlRuntime.load(model, this.engine, intraOpThreads);
	}

	/**
	 * Runs the graph on real pairs before the first request: checks the output shape,
	 * that the graph accepts every token id the tokenizer can produce, and warms up the
	 * engine.
	 */
	private void probe(PairEncoder encoder, BatchScorer scorer, long maxTokenId) {
		// With a very small maxLength the sample query may not fit; the shortest one does
		// (checkRoomForAPair), and the document is truncated to what is left.
		String query = encoder.fits(PROBE_QUERY) ? PROBE_QUERY : "a";
		Encoding sample = encoder.encode(query,
				"a reranker reads the query and each candidate document together and scores their relevance");
		Encoding[] rows = new Encoding[Math.min(this.inference.batchSize(), MAX_PROBE_ROWS)];
		Arrays.fill(rows, sample);
		EncodedBatch batch = scorer.layout().pad(Arrays.asList(rows));
		float[][] logits;
		try {
			logits = scorer.run(batch);
		}
		catch (RuntimeException ex) {
			throw new LocalModelException(this.files.model(),
					"Graph failed on a sample batch (" + ex.getMessage() + ")",
					"a reranker graph taking input_ids, attention_mask (and token_type_ids, position_ids) as int64 "
							+ "[batch, sequence] and returning logits [batch, 1] or [batch, 2] (or, for a causal-LM "
							+ "decoder, [batch, sequence, vocabulary])",
					ex);
		}
		int labels = logits[0].length;
		boolean supported = switch (this.activation) {
			case AUTO -> labels == 1 || labels == 2;
			case SOFTMAX -> labels >= 2;
			default -> labels >= 1;
		};
		if (!supported) {
			throw new LocalModelException(this.files.model(), "Graph returns " + labels + " values per pair",
					"logits [batch, 1] (sigmoid) or [batch, 2] (softmax of the positive class); for other heads set "
							+ LocalSetting.ACTIVATION + " to SIGMOID, SOFTMAX or NONE (the last value as is)");
		}
		try {
			scorer.run(batch.withId(1, maxTokenId));
			scorer.warmUp(batch);
		}
		catch (RuntimeException ex) {
			throw new LocalModelException(this.files.tokenizer(),
					"Tokenizer does not match the model: the graph rejects token id " + maxTokenId
							+ " that the tokenizer can produce (" + ex.getMessage() + ")",
					"the tokenizer.json saved together with " + this.files.model().getFileName(), ex);
		}
	}

	/**
	 * A loaded model's parts.
	 *
	 * @param encoder the pair encoder
	 * @param scorer the batch scorer
	 */
	record Loaded(PairEncoder encoder, BatchScorer scorer) {
	}

}

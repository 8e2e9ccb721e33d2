package dev.reranker.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

	/** Graph inputs a cross-encoder may take. */
	private static final List<String> INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

	private static final String PROBE_QUERY = "what does a reranker do";

	/** The longest warm-up batch: enough to size the engine's buffers for typical use. */
	private static final int MAX_PROBE_ROWS = 8;

	private final LocalModelFiles files;

	private final LocalEngine engine;

	private final @Nullable Integer maxLength;

	private final InferenceSettings inference;

	private final Activation activation;

	LocalModelLoader(LocalModelFiles files, LocalEngine engine, @Nullable Integer maxLength,
			InferenceSettings inference, Activation activation) {
		this.files = files;
		this.engine = engine;
		this.maxLength = maxLength;
		this.inference = inference;
		this.activation = activation;
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
		PairEncoder encoder = PairEncoder.load(this.files, length);
		InferenceLanes lanes = null;
		try {
			checkRoomForAPair(encoder, length);
			lanes = loadLanes();
			boolean withTypeIds = checkInputs(lanes.first().inputNames());
			BatchScorer scorer = new BatchScorer(modelName, lanes, withTypeIds, this.inference.batches(),
					this.activation);
			probe(encoder, scorer, metadata.maxTokenId());
			logger.info(
					"Loaded local cross-encoder '{}' from {} on {} (max length {}, batches of at most {} pairs and {} "
							+ "tokens, {} session(s))",
					modelName, this.files.model(), scorer.runtimeDescription(), length, this.inference.batchSize(),
					this.inference.batchTokens(), lanes.size());
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

	private int resolveMaxLength(ModelMetadata metadata) {
		Integer positions = metadata.maxPositions();
		if (this.maxLength == null) {
			return (positions != null) ? Math.min(LocalRerankModel.DEFAULT_MAX_LENGTH_LIMIT, positions)
					: LocalRerankModel.DEFAULT_MAX_LENGTH_LIMIT;
		}
		if (this.maxLength < 1) {
			throw new LocalModelException(null, LocalSetting.MAX_LENGTH + "=" + this.maxLength + " is not positive",
					"a number of tokens, typically the model's limit (512 for BERT-style cross-encoders)");
		}
		if (positions != null && this.maxLength > positions) {
			throw new LocalModelException(this.files.config(),
					LocalSetting.MAX_LENGTH + "=" + this.maxLength + " exceeds the model's max_position_embeddings="
							+ positions,
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
							+ " needs " + (minimum - 2) + " special tokens plus at least one token of each",
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

	private boolean checkInputs(List<String> inputs) {
		if (inputs.isEmpty()) {
			return true;
		}
		List<String> unexpected = new ArrayList<>(inputs);
		unexpected.removeAll(INPUTS);
		if (!inputs.contains("input_ids") || !inputs.contains("attention_mask") || !unexpected.isEmpty()) {
			throw new LocalModelException(this.files.model(), "Graph inputs are " + inputs,
					"a cross-encoder graph with inputs input_ids and attention_mask (and optionally "
							+ "token_type_ids), int64 [batch, sequence]");
		}
		return inputs.contains("token_type_ids");
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
		EncodedBatch batch = EncodedBatch.pad(Arrays.asList(rows));
		float[][] logits;
		try {
			logits = scorer.run(batch);
		}
		catch (RuntimeException ex) {
			throw new LocalModelException(this.files.model(),
					"Graph failed on a sample batch (" + ex.getMessage() + ")",
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

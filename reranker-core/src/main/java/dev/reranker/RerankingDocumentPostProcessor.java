package dev.reranker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.observation.DefaultRerankObservationConvention;
import dev.reranker.observation.RerankObservationContext;
import dev.reranker.observation.RerankObservationConvention;
import dev.reranker.observation.RerankObservationDocumentation;
import dev.reranker.observation.RerankOutcome;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The second stage of retrieval: re-scores first-stage candidates with a
 * {@link RerankModel}, sorts them by that score and keeps the best.
 * <p>
 * Contract, per call of {@link #process(Query, List)}:
 * <ol>
 * <li>The first {@code maxCandidates} documents that have text are scored against
 * {@link Query#text()}. Documents without text (media only, or blank) and documents past
 * {@code maxCandidates} are not scored; they follow the scored ones in first-stage order
 * and never pass a {@code minScore} threshold.</li>
 * <li>Scored documents are sorted by score, descending; equal scores keep first-stage
 * order.</li>
 * <li>When {@code minScore} is set, documents below it are dropped, except that the best
 * {@code minResults} are kept whatever their score.</li>
 * <li>At most {@code topN} documents are returned.</li>
 * </ol>
 * Returned documents are new instances; the inputs are never changed. Each copy keeps the
 * input's id, text or media, metadata and content formatter, and adds
 * {@link RerankDocumentMetadata#RERANK_SCORE} (also its {@link Document#getScore()}),
 * {@link RerankDocumentMetadata#RETRIEVAL_RANK} and, when the input had a score,
 * {@link RerankDocumentMetadata#RETRIEVAL_SCORE}.
 * <p>
 * A call may override {@code topN} and {@code minScore} through the query context keys
 * {@link #TOP_N_CONTEXT_KEY} and {@link #MIN_SCORE_CONTEXT_KEY}, e.g.
 * {@code .advisors(a -> a.param("reranker.top-n", 3))}.
 * <p>
 * When the model fails, {@link FailureMode#FALLBACK} returns the first-stage order
 * trimmed to {@code topN}, each copy marked
 * {@link RerankDocumentMetadata#RERANK_FALLBACK}; {@link FailureMode#FAIL} throws a
 * {@link RerankException}.
 * <p>
 * Thread-safe: one instance serves concurrent calls.
 */
public final class RerankingDocumentPostProcessor implements DocumentPostProcessor {

	/** Query context key that overrides top-n for one call (a positive integer). */
	public static final String TOP_N_CONTEXT_KEY = "reranker.top-n";

	/** Query context key that overrides min-score for one call (a number in [0, 1]). */
	public static final String MIN_SCORE_CONTEXT_KEY = "reranker.min-score";

	/** Default number of documents returned. */
	public static final int DEFAULT_TOP_N = 5;

	/** Default number of documents sent to the model. */
	public static final int DEFAULT_MAX_CANDIDATES = 100;

	private static final Logger logger = LoggerFactory.getLogger(RerankingDocumentPostProcessor.class);

	private static final RerankObservationConvention DEFAULT_CONVENTION = new DefaultRerankObservationConvention();

	private final RerankModel rerankModel;

	private final @Nullable RerankOptions options;

	private final int topN;

	private final @Nullable Double minScore;

	private final int minResults;

	private final int maxCandidates;

	private final FailureMode failureMode;

	private final ObservationRegistry observationRegistry;

	private final @Nullable RerankObservationConvention observationConvention;

	private RerankingDocumentPostProcessor(Builder builder) {
		Assert.notNull(builder.rerankModel, "rerankModel must not be null");
		Assert.isTrue(builder.topN >= 1, () -> "topN must be >= 1 but was " + builder.topN);
		checkMinScore(builder.minScore, "minScore");
		Assert.isTrue(builder.minResults >= 0, () -> "minResults must be >= 0 but was " + builder.minResults);
		Assert.isTrue(builder.minResults <= builder.topN,
				() -> "minResults (" + builder.minResults + ") must not exceed topN (" + builder.topN + ")");
		Assert.isTrue(builder.maxCandidates >= 1, () -> "maxCandidates must be >= 1 but was " + builder.maxCandidates);
		Assert.notNull(builder.failureMode, "failureMode must not be null");
		Assert.notNull(builder.observationRegistry, "observationRegistry must not be null");
		this.rerankModel = builder.rerankModel;
		this.options = builder.options;
		this.topN = builder.topN;
		this.minScore = builder.minScore;
		this.minResults = builder.minResults;
		this.maxCandidates = builder.maxCandidates;
		this.failureMode = builder.failureMode;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public List<Document> process(Query query, List<Document> documents) {
		Assert.notNull(query, "query must not be null");
		Assert.notNull(documents, "documents must not be null");
		Assert.noNullElements(documents, "documents must not contain null elements");
		if (documents.isEmpty()) {
			return List.of();
		}
		int callTopN = topNFor(query);
		Double callMinScore = minScoreFor(query);

		List<Integer> candidates = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < documents.size() && i < this.maxCandidates; i++) {
			String text = documents.get(i).getText();
			if (StringUtils.hasText(text)) {
				candidates.add(i);
				texts.add(text);
			}
		}

		RerankObservationContext context = new RerankObservationContext(this.rerankModel.getProviderName(), modelName(),
				query.text(), documents.size(), callTopN, callMinScore);
		context.setDocumentsScored(texts.size());
		Observation observation = RerankObservationDocumentation.RERANK_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			List<Document> result;
			try {
				double[] scores = texts.isEmpty() ? new double[0] : score(query.text(), texts);
				result = rank(documents, candidates, scores, callTopN, callMinScore);
			}
			catch (RuntimeException ex) {
				observation.error(ex);
				if (this.failureMode == FailureMode.FAIL) {
					context.setOutcome(RerankOutcome.FAILURE);
					throw (ex instanceof RerankException rerankException) ? rerankException
							: new RerankException(this.rerankModel.getProviderName(), describe(ex), ex);
				}
				context.setOutcome(RerankOutcome.FALLBACK);
				logger.warn("Reranking with provider '{}' failed, returning the first-stage order instead: {}",
						this.rerankModel.getProviderName(), describe(ex));
				result = fallback(documents, callTopN);
			}
			context.setDocumentsOut(result.size());
			return result;
		}
		finally {
			observation.stop();
		}
	}

	private double[] score(String query, List<String> texts) {
		RerankOptions callOptions = this.rerankModel.getDefaultOptions()
			.merge(this.options)
			.mutate()
			.topN(null)
			.build();
		RerankResponse response = this.rerankModel.call(new RerankRequest(query, texts, callOptions));
		if (response == null) {
			throw new RerankException(this.rerankModel.getProviderName(), "the model returned no response");
		}
		try {
			return response.scoresByIndex(texts.size());
		}
		catch (IllegalStateException ex) {
			throw new RerankException(this.rerankModel.getProviderName(),
					"invalid response for " + texts.size() + " documents: " + ex.getMessage(), ex);
		}
	}

	private List<Document> rank(List<Document> documents, List<Integer> candidates, double[] scores, int callTopN,
			@Nullable Double callMinScore) {
		Integer[] order = new Integer[candidates.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		// Arrays.sort on objects is stable, so equal scores keep first-stage order.
		Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));

		List<Document> result = new ArrayList<>(Math.min(callTopN, documents.size()));
		int floor = Math.min(this.minResults, callTopN);
		for (Integer position : order) {
			if (result.size() == callTopN) {
				return result;
			}
			double score = scores[position];
			if (callMinScore != null && score < callMinScore && result.size() >= floor) {
				break;
			}
			int index = candidates.get(position);
			result.add(copy(documents.get(index), index, score, false));
		}
		if (callMinScore != null) {
			return result;
		}
		boolean[] scored = new boolean[documents.size()];
		candidates.forEach(index -> scored[index] = true);
		for (int index = 0; index < documents.size() && result.size() < callTopN; index++) {
			if (!scored[index]) {
				result.add(copy(documents.get(index), index, null, false));
			}
		}
		return result;
	}

	private List<Document> fallback(List<Document> documents, int callTopN) {
		List<Document> result = new ArrayList<>(Math.min(callTopN, documents.size()));
		for (int index = 0; index < documents.size() && index < callTopN; index++) {
			result.add(copy(documents.get(index), index, null, true));
		}
		return result;
	}

	private static Document copy(Document original, int index, @Nullable Double rerankScore, boolean fallback) {
		Map<String, Object> metadata = new HashMap<>(original.getMetadata());
		metadata.put(RerankDocumentMetadata.RETRIEVAL_RANK, index + 1);
		if (original.getScore() != null) {
			metadata.put(RerankDocumentMetadata.RETRIEVAL_SCORE, original.getScore());
		}
		if (rerankScore != null) {
			metadata.put(RerankDocumentMetadata.RERANK_SCORE, rerankScore);
		}
		if (fallback) {
			metadata.put(RerankDocumentMetadata.RERANK_FALLBACK, true);
		}
		Document copy = Document.builder()
			.id(original.getId())
			.text(original.getText())
			.media(original.getMedia())
			.metadata(metadata)
			.score(rerankScore != null ? rerankScore : original.getScore())
			.build();
		copy.setContentFormatter(original.getContentFormatter());
		return copy;
	}

	private int topNFor(Query query) {
		Object value = query.context().get(TOP_N_CONTEXT_KEY);
		if (value == null) {
			return this.topN;
		}
		Integer parsed = null;
		if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
			parsed = number.intValue();
		}
		else if (value instanceof CharSequence text) {
			try {
				parsed = Integer.valueOf(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		if (parsed == null || parsed < 1) {
			throw new IllegalArgumentException(
					"Query context value '" + TOP_N_CONTEXT_KEY + "' must be an integer >= 1 but was '" + value + "'");
		}
		return parsed;
	}

	private @Nullable Double minScoreFor(Query query) {
		Object value = query.context().get(MIN_SCORE_CONTEXT_KEY);
		if (value == null) {
			return this.minScore;
		}
		Double parsed = null;
		if (value instanceof Number number) {
			parsed = number.doubleValue();
		}
		else if (value instanceof CharSequence text) {
			try {
				parsed = Double.valueOf(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		if (parsed == null || !(parsed >= 0.0 && parsed <= 1.0)) {
			throw new IllegalArgumentException("Query context value '" + MIN_SCORE_CONTEXT_KEY
					+ "' must be a number between 0 and 1 but was '" + value + "'");
		}
		return parsed;
	}

	private @Nullable String modelName() {
		String model = this.options != null ? this.options.getModel() : null;
		return model != null ? model : this.rerankModel.getDefaultOptions().getModel();
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	private static void checkMinScore(@Nullable Double minScore, String name) {
		Assert.isTrue(minScore == null || (minScore >= 0.0 && minScore <= 1.0),
				() -> name + " must be between 0 and 1 but was " + minScore);
	}

	public RerankModel getRerankModel() {
		return this.rerankModel;
	}

	public int getTopN() {
		return this.topN;
	}

	public @Nullable Double getMinScore() {
		return this.minScore;
	}

	public int getMinResults() {
		return this.minResults;
	}

	public int getMaxCandidates() {
		return this.maxCandidates;
	}

	public FailureMode getFailureMode() {
		return this.failureMode;
	}

	@Override
	public String toString() {
		return "RerankingDocumentPostProcessor{provider=" + this.rerankModel.getProviderName() + ", topN=" + this.topN
				+ ", minScore=" + this.minScore + ", minResults=" + this.minResults + ", maxCandidates="
				+ this.maxCandidates + ", failureMode=" + this.failureMode + "}";
	}

	/** Builder for {@link RerankingDocumentPostProcessor}. */
	public static final class Builder {

		private @Nullable RerankModel rerankModel;

		private @Nullable RerankOptions options;

		private int topN = DEFAULT_TOP_N;

		private @Nullable Double minScore;

		private int minResults;

		private int maxCandidates = DEFAULT_MAX_CANDIDATES;

		private FailureMode failureMode = FailureMode.FALLBACK;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankObservationConvention observationConvention;

		private Builder() {
		}

		/** The model that scores candidates. Required. */
		public Builder rerankModel(RerankModel rerankModel) {
			this.rerankModel = rerankModel;
			return this;
		}

		/** Options sent with every call, over the model's defaults. */
		public Builder options(@Nullable RerankOptions options) {
			this.options = options;
			return this;
		}

		/** How many documents to return at most; default 5. */
		public Builder topN(int topN) {
			this.topN = topN;
			return this;
		}

		/** The score below which documents are dropped, in [0, 1]; default none. */
		public Builder minScore(@Nullable Double minScore) {
			this.minScore = minScore;
			return this;
		}

		/** How many of the best documents to keep even below minScore; default 0. */
		public Builder minResults(int minResults) {
			this.minResults = minResults;
			return this;
		}

		/** How many first-stage documents to score at most; default 100. */
		public Builder maxCandidates(int maxCandidates) {
			this.maxCandidates = maxCandidates;
			return this;
		}

		/** What to do when the model fails; default {@link FailureMode#FALLBACK}. */
		public Builder failureMode(FailureMode failureMode) {
			this.failureMode = failureMode;
			return this;
		}

		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		public Builder observationConvention(@Nullable RerankObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		public RerankingDocumentPostProcessor build() {
			return new RerankingDocumentPostProcessor(this);
		}

	}

}

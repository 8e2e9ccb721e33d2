package dev.reranker;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.context.ContextPolicy;
import dev.reranker.observation.DefaultRerankObservationConvention;
import dev.reranker.observation.RerankObservationContext;
import dev.reranker.observation.RerankObservationConvention;
import dev.reranker.observation.RerankObservationDocumentation;
import dev.reranker.observation.RerankOutcome;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;
import org.springframework.util.Assert;

/**
 * The second stage of retrieval: re-scores first-stage candidates with a
 * {@link RerankModel}, sorts them by that score and keeps the best.
 * <p>
 * Per call of {@link #process(Query, List)}, its {@link RankingPolicy} decides which
 * documents are scored (the first {@code maxCandidates} with text) and which are kept, in
 * what order (by score, ties in first-stage order; {@code minScore} with a
 * {@code minResults} floor; at most {@code topN}; unscored documents last).
 * <p>
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
 * Its {@link ContextPolicy} chooses the text the model reads for each document (or, for
 * long documents, for each of its windows, all scored in the one model call) and, after
 * ranking, applies diversity, a token budget and the order for the prompt
 * (docs/context.md).
 * <p>
 * Each call is observed as {@code reranker.post_processor}; a model observed in the same
 * registry records its call as a child {@code gen_ai.client.operation}. Thread-safe: one
 * instance serves concurrent calls.
 */
public final class RerankingDocumentPostProcessor implements DocumentPostProcessor {

	/** Query context key that overrides top-n for one call (a positive integer). */
	public static final String TOP_N_CONTEXT_KEY = RankingPolicy.TOP_N_CONTEXT_KEY;

	/** Query context key that overrides min-score for one call (a number in [0, 1]). */
	public static final String MIN_SCORE_CONTEXT_KEY = RankingPolicy.MIN_SCORE_CONTEXT_KEY;

	/** Default number of documents returned. */
	public static final int DEFAULT_TOP_N = RankingPolicy.DEFAULT_TOP_N;

	/** Default number of documents sent to the model. */
	public static final int DEFAULT_MAX_CANDIDATES = RankingPolicy.DEFAULT_MAX_CANDIDATES;

	private static final Logger logger = LoggerFactory.getLogger(RerankingDocumentPostProcessor.class);

	private static final RerankObservationConvention DEFAULT_CONVENTION = new DefaultRerankObservationConvention();

	private final RerankModel rerankModel;

	private final ModelScoring scoring;

	private final RankingPolicy policy;

	private final FailureMode failureMode;

	private final ContextPolicy contextPolicy;

	private final ObservationRegistry observationRegistry;

	private final @Nullable RerankObservationConvention observationConvention;

	private final LatencyBudget latencyBudget;

	private final @Nullable RerankOptions options;

	private RerankingDocumentPostProcessor(Builder builder) {
		Assert.notNull(builder.rerankModel,
				"rerankModel must not be null (RerankingDocumentPostProcessor.Builder#rerankModel)");
		Assert.notNull(builder.failureMode,
				"failureMode must not be null (RerankingDocumentPostProcessor.Builder#failureMode)");
		Assert.notNull(builder.observationRegistry,
				"observationRegistry must not be null (RerankingDocumentPostProcessor.Builder#observationRegistry)");
		this.rerankModel = builder.rerankModel;
		this.options = builder.options;
		this.scoring = new ModelScoring(this.rerankModel, builder.options);
		this.policy = builder.policy.build();
		this.failureMode = builder.failureMode;
		Assert.notNull(builder.contextPolicy,
				"contextPolicy must not be null (RerankingDocumentPostProcessor.Builder#contextPolicy)");
		this.contextPolicy = builder.contextPolicy;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.latencyBudget = LatencyBudget.of(builder.latencyBudget);
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder holding every setting of this post-processor, to build a variant (say,
	 * another context policy for one request) that keeps the rest: model, options,
	 * ranking policy, failure mode, observation and latency budget.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder().rerankModel(this.rerankModel)
			.options(this.options)
			.rankingPolicy(this.policy)
			.failureMode(this.failureMode)
			.contextPolicy(this.contextPolicy)
			.observationRegistry(this.observationRegistry)
			.observationConvention(this.observationConvention)
			.latencyBudget(this.latencyBudget.budget());
	}

	@Override
	public List<Document> process(Query query, List<Document> documents) {
		Assert.notNull(query, "query must not be null");
		Assert.notNull(documents, "documents must not be null");
		Assert.noNullElements(documents, "documents must not contain null elements");
		if (documents.isEmpty()) {
			return List.of();
		}
		long startNanos = System.nanoTime();
		RankingPolicy callPolicy = this.policy.forContext(query.context());
		List<Integer> candidates = callPolicy.candidates(documents.stream().map(Document::getText).toList());
		List<Document> toScore = candidates.stream().map(documents::get).toList();

		RerankObservationContext context = new RerankObservationContext(this.rerankModel.getProviderName(),
				this.scoring.modelName(), query.text(), documents.size(), callPolicy.getTopN(),
				callPolicy.getMinScore());
		context.setDocumentsScored(toScore.size());
		Observation observation = RerankObservationDocumentation.RERANK_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			List<Document> result;
			try {
				// candidates past the budget are left unscored, like those past
				// maxCandidates
				ScoredCandidates scored = ScoredCandidates.score(this.scoring, this.contextPolicy, query.text(),
						candidates, toScore,
						texts -> this.latencyBudget.affordable(this.rerankModel, query.text(), texts, startNanos));
				context.setDocumentsScored(scored.candidates().size());
				result = RerankedDocuments.of(documents,
						callPolicy.rank(documents.size(), scored.candidates(), scored.scores()), false,
						scored.passages());
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
				result = RerankedDocuments.of(documents, callPolicy.fallback(documents.size()), true);
			}
			result = this.contextPolicy.arrange(result);
			context.setDocumentsOut(result.size());
			return result;
		}
		finally {
			observation.stop();
		}
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
	}

	public RerankModel getRerankModel() {
		return this.rerankModel;
	}

	/**
	 * The configured ranking policy, before per-call overrides.
	 * @return the policy
	 */
	public RankingPolicy getRankingPolicy() {
		return this.policy;
	}

	public int getTopN() {
		return this.policy.getTopN();
	}

	public @Nullable Double getMinScore() {
		return this.policy.getMinScore();
	}

	public int getMinResults() {
		return this.policy.getMinResults();
	}

	public int getMaxCandidates() {
		return this.policy.getMaxCandidates();
	}

	public FailureMode getFailureMode() {
		return this.failureMode;
	}

	public ContextPolicy getContextPolicy() {
		return this.contextPolicy;
	}

	/**
	 * The time a call may spend scoring, or {@code null} when unbounded.
	 * @return the latency budget
	 */
	public @Nullable Duration getLatencyBudget() {
		return this.latencyBudget.budget();
	}

	@Override
	public String toString() {
		return "RerankingDocumentPostProcessor{provider=" + this.rerankModel.getProviderName() + ", topN=" + getTopN()
				+ ", minScore=" + getMinScore() + ", minResults=" + getMinResults() + ", maxCandidates="
				+ getMaxCandidates() + ", cutoff=" + this.policy.getCutoff() + ", context=" + this.contextPolicy
				+ ", failureMode=" + this.failureMode + "}";
	}

	/** Builder for {@link RerankingDocumentPostProcessor}. */
	public static final class Builder {

		private @Nullable RerankModel rerankModel;

		private @Nullable RerankOptions options;

		private RankingPolicy.Builder policy = RankingPolicy.builder();

		private FailureMode failureMode = FailureMode.FALLBACK;

		private ContextPolicy contextPolicy = ContextPolicy.DEFAULT;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankObservationConvention observationConvention;

		private @Nullable Duration latencyBudget;

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

		/** The whole ranking policy at once, replacing what was set before. */
		public Builder rankingPolicy(RankingPolicy rankingPolicy) {
			Assert.notNull(rankingPolicy,
					"rankingPolicy must not be null (RerankingDocumentPostProcessor.Builder#rankingPolicy)");
			this.policy = rankingPolicy.mutate();
			return this;
		}

		/** How many documents to return at most; default 5. */
		public Builder topN(int topN) {
			this.policy.topN(topN);
			return this;
		}

		/** The score below which documents are dropped, in [0, 1]; default none. */
		public Builder minScore(@Nullable Double minScore) {
			this.policy.minScore(minScore);
			return this;
		}

		/** How many of the best documents to keep even below minScore; default 0. */
		public Builder minResults(int minResults) {
			this.policy.minResults(minResults);
			return this;
		}

		/** How many first-stage documents to score at most; default 100. */
		public Builder maxCandidates(int maxCandidates) {
			this.policy.maxCandidates(maxCandidates);
			return this;
		}

		/**
		 * How to cut by the shape of the scores (within top-n, never below min-results);
		 * default {@link Cutoff#NONE}.
		 */
		public Builder cutoff(Cutoff cutoff) {
			this.policy.cutoff(cutoff);
			return this;
		}

		/**
		 * The text the model reads for each document, a token budget and the order of the
		 * returned documents; default {@link ContextPolicy#DEFAULT}.
		 */
		public Builder contextPolicy(ContextPolicy contextPolicy) {
			this.contextPolicy = contextPolicy;
			return this;
		}

		/** What to do when the model fails; default {@link FailureMode#FALLBACK}. */
		public Builder failureMode(FailureMode failureMode) {
			this.failureMode = failureMode;
			return this;
		}

		/**
		 * Where this post-processor's own observation goes; pass the same registry to the
		 * model so its observation nests under this one.
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		public Builder observationConvention(@Nullable RerankObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * The time a call may spend scoring; default none (unbounded). A
		 * {@link BudgetedRerankModel} scores as many of the first candidates as it
		 * predicts to fit (at least one), the rest follow unscored in first-stage order.
		 * Remote providers take it as their call deadline
		 * ({@code RemoteCallSettings#deadline}); other models ignore it.
		 */
		public Builder latencyBudget(@Nullable Duration latencyBudget) {
			this.latencyBudget = latencyBudget;
			return this;
		}

		public RerankingDocumentPostProcessor build() {
			return new RerankingDocumentPostProcessor(this);
		}

	}

}

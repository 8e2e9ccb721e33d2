package dev.reranker.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.reranker.FailureMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the reranking stage, under {@code reranker.*}. Provider settings live
 * in their own groups ({@code reranker.cohere.*}, …).
 * <p>
 * Implements {@link Validator} so that Spring Boot checks the values while binding, with
 * no Bean Validation implementation needed: a bad value stops start-up with a message
 * that names the property.
 */
@ConfigurationProperties(prefix = RerankerProperties.PREFIX)
public class RerankerProperties implements Validator {

	public static final String PREFIX = "reranker";

	/**
	 * The provider used when {@code reranker.provider} is unset.
	 */
	public static final String DEFAULT_PROVIDER = "local";

	/**
	 * Whether to auto-configure the reranking document post-processor and its model.
	 */
	private boolean enabled = true;

	/**
	 * Rerank provider to use: 'local' (in-process cross-encoder), 'cohere', 'jina',
	 * 'voyage', 'tei', 'embedding' or 'llm' (a Spring AI ChatModel). Ignored when the
	 * application defines its own RerankModel bean.
	 */
	private String provider = DEFAULT_PROVIDER;

	/**
	 * Maximum number of documents returned after reranking. Must be at least 1.
	 */
	private int topN = 5;

	/**
	 * Rerank score, between 0 and 1, below which documents are dropped. Unset keeps every
	 * document up to top-n.
	 */
	private @Nullable Double minScore;

	/**
	 * Number of best documents kept even when they score below min-score. Must not exceed
	 * top-n.
	 */
	private int minResults = 0;

	/**
	 * Maximum number of first-stage documents sent to the rerank model; later ones are
	 * not scored.
	 */
	private int maxCandidates = 100;

	/**
	 * What to do when the rerank model fails: 'fallback' returns the first-stage order
	 * trimmed to top-n, 'fail' throws.
	 */
	private FailureMode onFailure = FailureMode.FALLBACK;

	/**
	 * Deadline of one rerank call to a remote provider: all its batches, retries and
	 * back-off pauses (for the llm provider, all its prompts). When it passes, on-failure
	 * applies. One HTTP request's timeout is reranker.<provider>.request-timeout.
	 */
	private Duration callDeadline = Duration.ofSeconds(10);

	/**
	 * Time one rerank call may spend scoring. The local provider scores as many of the
	 * first candidates as it predicts to fit (at least one, predicted from their tokens
	 * with a cost measured at start-up and updated after every call); the rest follow
	 * unscored in first-stage order, like candidates past max-candidates. Remote
	 * providers take it as their call deadline when it is shorter than call-deadline.
	 * Unset scores every candidate.
	 */
	private @Nullable Duration latencyBudget;

	// Which key set callDeadline: the deprecated reranker.timeout must not override
	// reranker.call-deadline, whatever order they are bound in, and validation names
	// the key the user wrote.
	private boolean callDeadlineFromDeprecatedKey;

	private boolean callDeadlineSet;

	private final Observations observations = new Observations();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getProvider() {
		return this.provider;
	}

	public void setProvider(String provider) {
		this.provider = provider;
	}

	public int getTopN() {
		return this.topN;
	}

	public void setTopN(int topN) {
		this.topN = topN;
	}

	public @Nullable Double getMinScore() {
		return this.minScore;
	}

	public void setMinScore(@Nullable Double minScore) {
		this.minScore = minScore;
	}

	public int getMinResults() {
		return this.minResults;
	}

	public void setMinResults(int minResults) {
		this.minResults = minResults;
	}

	public int getMaxCandidates() {
		return this.maxCandidates;
	}

	public void setMaxCandidates(int maxCandidates) {
		this.maxCandidates = maxCandidates;
	}

	public FailureMode getOnFailure() {
		return this.onFailure;
	}

	public void setOnFailure(FailureMode onFailure) {
		this.onFailure = onFailure;
	}

	public Duration getCallDeadline() {
		return this.callDeadline;
	}

	public @Nullable Duration getLatencyBudget() {
		return this.latencyBudget;
	}

	public void setLatencyBudget(@Nullable Duration latencyBudget) {
		this.latencyBudget = latencyBudget;
	}

	/**
	 * The deadline a remote provider's call gets: the call deadline, or the latency
	 * budget when that is shorter.
	 * @return the effective call deadline
	 */
	public Duration effectiveCallDeadline() {
		Duration budget = this.latencyBudget;
		return (budget != null && budget.compareTo(this.callDeadline) < 0) ? budget : this.callDeadline;
	}

	public void setCallDeadline(Duration callDeadline) {
		this.callDeadline = callDeadline;
		this.callDeadlineSet = true;
		this.callDeadlineFromDeprecatedKey = false;
	}

	/**
	 * The deadline of one rerank call, under its former name.
	 * @return the call deadline
	 * @deprecated since 0.1.0 in favour of {@link #getCallDeadline()}
	 */
	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(replacement = PREFIX + ".call-deadline", since = "0.1.0",
			reason = "Renamed: it bounds the whole rerank call (all batches, retries and pauses), not one HTTP "
					+ "request. When both are set, " + PREFIX + ".call-deadline wins.")
	public Duration getTimeout() {
		return this.callDeadline;
	}

	/**
	 * Sets the deadline of one rerank call, unless {@link #setCallDeadline(Duration)}
	 * has.
	 * @param timeout the call deadline
	 * @deprecated since 0.1.0 in favour of {@link #setCallDeadline(Duration)}
	 */
	@Deprecated(since = "0.1.0")
	public void setTimeout(Duration timeout) {
		if (!this.callDeadlineSet) {
			this.callDeadline = timeout;
			this.callDeadlineFromDeprecatedKey = true;
		}
	}

	public Observations getObservations() {
		return this.observations;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerProperties properties = (RerankerProperties) target;
		if (properties.getTopN() < 1) {
			errors.rejectValue("topN", "reranker.top-n.range", "reranker.top-n must be at least 1");
		}
		Double minScore = properties.getMinScore();
		if (minScore != null && !(minScore >= 0.0 && minScore <= 1.0)) {
			errors.rejectValue("minScore", "reranker.min-score.range", "reranker.min-score must be between 0 and 1");
		}
		if (properties.getMinResults() < 0) {
			errors.rejectValue("minResults", "reranker.min-results.range", "reranker.min-results must be at least 0");
		}
		else if (properties.getMinResults() > properties.getTopN()) {
			errors.rejectValue("minResults", "reranker.min-results.range",
					"reranker.min-results must not exceed reranker.top-n (" + properties.getTopN() + ")");
		}
		if (properties.getMaxCandidates() < 1) {
			errors.rejectValue("maxCandidates", "reranker.max-candidates.range",
					"reranker.max-candidates must be at least 1");
		}
		Duration budget = properties.getLatencyBudget();
		if (budget != null && (budget.isNegative() || budget.isZero())) {
			errors.rejectValue("latencyBudget", "reranker.latency-budget.range",
					"reranker.latency-budget must be a positive duration (or unset to score every candidate)");
		}
		Duration deadline = properties.getCallDeadline();
		if (deadline == null || deadline.isNegative() || deadline.isZero()) {
			if (properties.callDeadlineFromDeprecatedKey) {
				errors.rejectValue("timeout", "reranker.timeout.range", "reranker.timeout must be a positive duration "
						+ "(reranker.timeout is deprecated: set reranker.call-deadline instead)");
			}
			else {
				errors.rejectValue("callDeadline", "reranker.call-deadline.range",
						"reranker.call-deadline must be a positive duration");
			}
		}
		if (properties.getProvider() == null || properties.getProvider().isBlank()) {
			errors.rejectValue("provider", "reranker.provider.empty",
					"reranker.provider must name a provider: local, cohere, jina, voyage, tei or embedding");
		}
	}

	/** Observation settings. */
	public static class Observations {

		/**
		 * Whether to record the query text on rerank observations. Queries may contain
		 * personal data.
		 */
		private boolean includeQuery = false;

		public boolean isIncludeQuery() {
			return this.includeQuery;
		}

		public void setIncludeQuery(boolean includeQuery) {
			this.includeQuery = includeQuery;
		}

	}

}

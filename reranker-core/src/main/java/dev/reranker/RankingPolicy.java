package dev.reranker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which first-stage candidates are scored and which of them are kept, in what order: the
 * ranking policy of {@link RerankingDocumentPostProcessor}, as a pure function of
 * positions and scores (no model, no documents, no I/O). Immutable and thread-safe.
 * <ol>
 * <li>{@link #candidates(List)}: the first {@code maxCandidates} positions whose text is
 * not blank are scored (whitespace, no-break spaces and invisible characters such as
 * U+200B count as blank).</li>
 * <li>{@link #rank(int, List, double[])}: scored positions sorted by score, descending,
 * equal scores in first-stage order; below {@code minScore} they are dropped, except the
 * best {@code minResults}; at most {@code topN}. Without {@code minScore}, unscored
 * positions follow in first-stage order; a {@link Cutoff} other than {@link Cutoff#NONE}
 * then cuts by the shape of the kept scores (never below {@code minResults}), and
 * unscored positions are not added.</li>
 * <li>{@link #fallback(int)}: when there are no scores, the first {@code topN} positions
 * in first-stage order.</li>
 * </ol>
 * A call may override {@code topN} and {@code minScore} ({@link #withOverrides},
 * {@link #forContext(Map)}).
 */
public final class RankingPolicy {

	/** Query context key that overrides top-n for one call (a positive integer). */
	public static final String TOP_N_CONTEXT_KEY = "reranker.top-n";

	/** Query context key that overrides min-score for one call (a number in [0, 1]). */
	public static final String MIN_SCORE_CONTEXT_KEY = "reranker.min-score";

	/** Default number of positions kept. */
	public static final int DEFAULT_TOP_N = 5;

	/** Default number of positions scored. */
	public static final int DEFAULT_MAX_CANDIDATES = 100;

	private final int topN;

	private final @Nullable Double minScore;

	private final int minResults;

	private final int maxCandidates;

	private final Cutoff cutoff;

	private RankingPolicy(int topN, @Nullable Double minScore, int minResults, int maxCandidates, Cutoff cutoff) {
		Assert.isTrue(topN >= 1, () -> "topN must be >= 1 but was " + topN + setBy("topN"));
		Assert.isTrue(minScore == null || RerankResult.isValidScore(minScore),
				() -> "minScore must be between 0 and 1 but was " + minScore + setBy("minScore"));
		Assert.isTrue(minResults >= 0, () -> "minResults must be >= 0 but was " + minResults + setBy("minResults"));
		Assert.isTrue(minResults <= topN,
				() -> "minResults (" + minResults + ") must not exceed topN (" + topN + ")" + setBy("minResults"));
		Assert.isTrue(maxCandidates >= 1,
				() -> "maxCandidates must be >= 1 but was " + maxCandidates + setBy("maxCandidates"));
		this.topN = topN;
		this.minScore = minScore;
		this.minResults = minResults;
		this.maxCandidates = maxCandidates;
		Assert.notNull(cutoff, () -> "cutoff must not be null" + setBy("cutoff"));
		this.cutoff = cutoff;
	}

	private static String setBy(String method) {
		return " (RankingPolicy.Builder#" + method + ", RerankingDocumentPostProcessor.Builder#" + method + ")";
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder mutate() {
		return new Builder().topN(this.topN)
			.minScore(this.minScore)
			.minResults(this.minResults)
			.maxCandidates(this.maxCandidates)
			.cutoff(this.cutoff);
	}

	/**
	 * This policy with {@code topN} and {@code minScore} replaced where given;
	 * {@code minResults} is capped at the new {@code topN}.
	 * @param topN the top-n of the call, or {@code null} to keep this one's
	 * @param minScore the minimum score of the call, or {@code null} to keep this one's
	 * @return the policy of the call
	 */
	public RankingPolicy withOverrides(@Nullable Integer topN, @Nullable Double minScore) {
		if (topN == null && minScore == null) {
			return this;
		}
		int callTopN = (topN != null) ? topN : this.topN;
		return new RankingPolicy(callTopN, (minScore != null) ? minScore : this.minScore,
				Math.min(this.minResults, callTopN), this.maxCandidates, this.cutoff);
	}

	/**
	 * This policy with the overrides a query context carries under
	 * {@link #TOP_N_CONTEXT_KEY} and {@link #MIN_SCORE_CONTEXT_KEY} (numbers or numeric
	 * strings).
	 * @param context the query context
	 * @return the policy of the call
	 * @throws IllegalArgumentException naming the key whose value is not valid
	 */
	public RankingPolicy forContext(Map<String, Object> context) {
		return withOverrides(QueryContextOverrides.topN(context.get(TOP_N_CONTEXT_KEY)),
				QueryContextOverrides.minScore(context.get(MIN_SCORE_CONTEXT_KEY)));
	}

	/**
	 * The positions to score: among the first {@code maxCandidates}, those whose text is
	 * not blank.
	 * @param texts the first-stage texts, {@code null} for documents without text
	 * @return the positions, ascending
	 */
	public List<Integer> candidates(List<? extends @Nullable String> texts) {
		List<Integer> candidates = new ArrayList<>();
		for (int i = 0; i < texts.size() && i < this.maxCandidates; i++) {
			if (hasVisibleText(texts.get(i))) {
				candidates.add(i);
			}
		}
		return candidates;
	}

	/**
	 * Text made only of whitespace, no-break spaces or invisible format characters (such
	 * as U+200B) has nothing to score.
	 */
	private static boolean hasVisibleText(@Nullable String text) {
		return text != null && text.codePoints()
			.anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
					&& Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.CONTROL);
	}

	/**
	 * The kept positions, best first.
	 * @param size the number of first-stage documents
	 * @param candidates the scored positions, as {@link #candidates(List)} chose them
	 * @param scores {@code scores[i]} for {@code candidates.get(i)}
	 * @return the kept positions with their scores ({@code null} for unscored ones)
	 */
	public List<Ranked> rank(int size, List<Integer> candidates, double[] scores) {
		Assert.isTrue(candidates.size() == scores.length,
				() -> candidates.size() + " candidates but " + scores.length + " scores");
		Integer[] order = new Integer[scores.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		// Arrays.sort on objects is stable, so equal scores keep first-stage order.
		Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
		List<Ranked> kept = new ArrayList<>(Math.min(this.topN, size));
		for (Integer candidate : order) {
			if (kept.size() == this.topN) {
				break;
			}
			double score = scores[candidate];
			if (this.minScore != null && score < this.minScore && kept.size() >= this.minResults) {
				break;
			}
			kept.add(new Ranked(candidates.get(candidate), score));
		}
		if (!(this.cutoff instanceof Cutoff.None)) {
			List<Double> keptScores = kept.stream().map(ranked -> Objects.requireNonNull(ranked.score())).toList();
			int cut = Math.max(this.cutoff.keep(keptScores), Math.min(this.minResults, kept.size()));
			// Unscored documents cannot pass a cut.
			return new ArrayList<>(kept.subList(0, cut));
		}
		if (this.minScore != null) {
			// Unscored documents cannot pass a threshold.
			return kept;
		}
		boolean[] scored = new boolean[size];
		candidates.forEach(position -> scored[position] = true);
		for (int position = 0; position < size && kept.size() < this.topN; position++) {
			if (!scored[position]) {
				kept.add(new Ranked(position, null));
			}
		}
		return kept;
	}

	/**
	 * The positions kept when there are no scores (the model failed): the first
	 * {@code topN}, in first-stage order.
	 * @param size the number of first-stage documents
	 * @return the kept positions, without scores
	 */
	public List<Ranked> fallback(int size) {
		List<Ranked> kept = new ArrayList<>(Math.min(this.topN, size));
		for (int position = 0; position < size && position < this.topN; position++) {
			kept.add(new Ranked(position, null));
		}
		return kept;
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

	public Cutoff getCutoff() {
		return this.cutoff;
	}

	@Override
	public String toString() {
		return "RankingPolicy{topN=" + this.topN + ", minScore=" + this.minScore + ", minResults=" + this.minResults
				+ ", maxCandidates=" + this.maxCandidates + ", cutoff=" + this.cutoff + "}";
	}

	/**
	 * A kept first-stage position.
	 *
	 * @param position the document's position in the first-stage list
	 * @param score its rerank score, or {@code null} when it was not scored
	 */
	public record Ranked(int position, @Nullable Double score) {
	}

	/** Builder for {@link RankingPolicy}. */
	public static final class Builder {

		private int topN = DEFAULT_TOP_N;

		private @Nullable Double minScore;

		private int minResults;

		private int maxCandidates = DEFAULT_MAX_CANDIDATES;

		private Cutoff cutoff = Cutoff.NONE;

		private Builder() {
		}

		/** How many positions to keep at most; default 5. */
		public Builder topN(int topN) {
			this.topN = topN;
			return this;
		}

		/** The score below which positions are dropped, in [0, 1]; default none. */
		public Builder minScore(@Nullable Double minScore) {
			this.minScore = minScore;
			return this;
		}

		/** How many of the best positions to keep even below minScore; default 0. */
		public Builder minResults(int minResults) {
			this.minResults = minResults;
			return this;
		}

		/** How many first-stage positions to score at most; default 100. */
		public Builder maxCandidates(int maxCandidates) {
			this.maxCandidates = maxCandidates;
			return this;
		}

		/** How to cut by the shape of the scores; default {@link Cutoff#NONE}. */
		public Builder cutoff(Cutoff cutoff) {
			this.cutoff = cutoff;
			return this;
		}

		public RankingPolicy build() {
			return new RankingPolicy(this.topN, this.minScore, this.minResults, this.maxCandidates, this.cutoff);
		}

	}

}

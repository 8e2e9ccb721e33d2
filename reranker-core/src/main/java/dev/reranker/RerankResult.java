package dev.reranker;

import java.util.function.Function;

import org.springframework.ai.model.ModelResult;
import org.springframework.ai.model.ResultMetadata;

/**
 * The relevance score of one text of a {@link RerankRequest}.
 *
 * @param index the text's position in {@link RerankRequest#documents()}
 * @param score the relevance score in {@code [0, 1]}, higher is more relevant
 * @see #checkScore(Function)
 */
public record RerankResult(int index, double score) implements ModelResult<Double> {

	private static final ResultMetadata NO_METADATA = new ResultMetadata() {
	};

	/**
	 * Whether a score is in the range every {@link RerankModel} must return: a number in
	 * {@code [0, 1]} ({@code NaN} and infinities are not).
	 * @param score the score
	 * @return whether it is valid
	 */
	public static boolean isValidScore(double score) {
		return score >= 0.0 && score <= 1.0;
	}

	/**
	 * Checks that {@link #score()} is {@linkplain #isValidScore(double) valid}: the one
	 * check of model output that models, providers and the post-processor share.
	 * @param <X> the exception type
	 * @param failure makes the exception to throw from the problem, e.g.
	 * {@code "score NaN for index 3 is not a number in [0, 1]"}
	 * @return this result
	 * @throws X when the score is not valid
	 */
	public <X extends RuntimeException> RerankResult checkScore(Function<String, X> failure) {
		if (!isValidScore(this.score)) {
			throw failure.apply("score " + this.score + " for index " + this.index + " is not a number in [0, 1]");
		}
		return this;
	}

	@Override
	public Double getOutput() {
		return this.score;
	}

	@Override
	public ResultMetadata getMetadata() {
		return NO_METADATA;
	}

}

package dev.reranker;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelResponse;
import org.springframework.util.Assert;

/**
 * The scores a {@link RerankModel} gave, ordered by {@link RerankResult#index()}.
 */
public final class RerankResponse implements ModelResponse<RerankResult> {

	private final List<RerankResult> results;

	private final RerankResponseMetadata metadata;

	/**
	 * Creates a response; results are stored ordered by index.
	 * @param results the results, in any order
	 * @param metadata the response metadata
	 */
	public RerankResponse(List<RerankResult> results, RerankResponseMetadata metadata) {
		Assert.notNull(results, "results must not be null");
		Assert.noNullElements(results, "results must not contain null elements");
		Assert.notNull(metadata, "metadata must not be null");
		this.results = results.stream().sorted(Comparator.comparingInt(RerankResult::index)).toList();
		this.metadata = metadata;
	}

	public RerankResponse(List<RerankResult> results) {
		this(results, new RerankResponseMetadata());
	}

	/**
	 * The best-scoring result, or {@code null} when there are none.
	 */
	@Override
	public @Nullable RerankResult getResult() {
		return this.results.stream().max(Comparator.comparingDouble(RerankResult::score)).orElse(null);
	}

	/**
	 * All results, ordered by {@link RerankResult#index()}.
	 */
	@Override
	public List<RerankResult> getResults() {
		return this.results;
	}

	@Override
	public RerankResponseMetadata getMetadata() {
		return this.metadata;
	}

	/**
	 * Scores laid out by input position, checking that every one of {@code count} inputs
	 * got exactly one finite score in {@code [0, 1]}.
	 * @param count the number of texts in the request
	 * @return {@code scores[i]} for the text at position {@code i}
	 * @throws IllegalStateException naming the first index that is missing, duplicated,
	 * out of range or badly scored
	 */
	public double[] scoresByIndex(int count) {
		double[] scores = new double[count];
		Arrays.fill(scores, Double.NaN);
		for (RerankResult result : this.results) {
			int index = result.index();
			if (index < 0 || index >= count) {
				throw new IllegalStateException(
						"result index " + index + " is out of range for " + count + " documents");
			}
			if (!Double.isNaN(scores[index])) {
				throw new IllegalStateException("result index " + index + " appears more than once");
			}
			scores[index] = result.checkScore(IllegalStateException::new).score();
		}
		for (int i = 0; i < count; i++) {
			if (Double.isNaN(scores[i])) {
				throw new IllegalStateException("no score for index " + i + " of " + count + " documents");
			}
		}
		return scores;
	}

	@Override
	public String toString() {
		return "RerankResponse{results=" + this.results + ", metadata=" + this.metadata + "}";
	}

}

package dev.reranker;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.model.ModelOptions;
import org.springframework.util.Assert;

/**
 * Options of one rerank call. Immutable; build with {@link #builder()} and combine
 * defaults with per-call overrides through {@link #merge(RerankOptions)}.
 */
public final class RerankOptions implements ModelOptions {

	private final @Nullable String model;

	private final @Nullable Integer topN;

	private RerankOptions(@Nullable String model, @Nullable Integer topN) {
		Assert.isTrue(topN == null || topN >= 1, () -> "topN must be >= 1 but was " + topN);
		this.model = model;
		this.topN = topN;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The model to use, or {@code null} for the provider's configured model.
	 * @return the model name
	 */
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * When set, asks the provider to return only the best {@code topN} results; when
	 * {@code null}, every text gets a result.
	 * @return the number of results wanted
	 */
	public @Nullable Integer getTopN() {
		return this.topN;
	}

	/**
	 * Returns options where each value set in {@code overrides} replaces this one's.
	 * @param overrides the overriding options, may be {@code null}
	 * @return the merged options
	 */
	public RerankOptions merge(@Nullable RerankOptions overrides) {
		if (overrides == null) {
			return this;
		}
		return new RerankOptions(overrides.model != null ? overrides.model : this.model,
				overrides.topN != null ? overrides.topN : this.topN);
	}

	public Builder mutate() {
		return new Builder().model(this.model).topN(this.topN);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RerankOptions that && Objects.equals(this.model, that.model)
				&& Objects.equals(this.topN, that.topN);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.topN);
	}

	@Override
	public String toString() {
		return "RerankOptions{model=" + this.model + ", topN=" + this.topN + "}";
	}

	/** Builder for {@link RerankOptions}. */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable Integer topN;

		private Builder() {
		}

		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		public Builder topN(@Nullable Integer topN) {
			this.topN = topN;
			return this;
		}

		public RerankOptions build() {
			return new RerankOptions(this.model, this.topN);
		}

	}

}

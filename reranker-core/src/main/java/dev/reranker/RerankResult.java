package dev.reranker;

import org.springframework.ai.model.ModelResult;
import org.springframework.ai.model.ResultMetadata;

/**
 * The relevance score of one text of a {@link RerankRequest}.
 *
 * @param index the text's position in {@link RerankRequest#documents()}
 * @param score the relevance score in {@code [0, 1]}, higher is more relevant
 */
public record RerankResult(int index, double score) implements ModelResult<Double> {

	private static final ResultMetadata NO_METADATA = new ResultMetadata() {
	};

	@Override
	public Double getOutput() {
		return this.score;
	}

	@Override
	public ResultMetadata getMetadata() {
		return NO_METADATA;
	}

}

package dev.reranker.train;

import java.util.List;

import org.springframework.util.Assert;

/**
 * One query with a passage judged relevant and passages that are not.
 *
 * @param query the query
 * @param positive a relevant passage
 * @param negatives passages not relevant to the query (may be empty for pairwise
 * training)
 */
public record TrainingExample(String query, String positive, List<String> negatives) {

	public TrainingExample {
		Assert.hasText(query, "query must not be blank");
		Assert.hasText(positive, "positive must not be blank");
		Assert.notNull(negatives, "negatives must not be null");
		negatives = List.copyOf(negatives);
	}

}

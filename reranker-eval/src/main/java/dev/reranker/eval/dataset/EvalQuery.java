package dev.reranker.eval.dataset;

import org.springframework.util.Assert;

/**
 * One query of a BEIR dataset.
 *
 * @param id the query id ({@code _id}), as the qrels name it
 * @param text the query text
 */
public record EvalQuery(String id, String text) {

	public EvalQuery {
		Assert.hasText(id, "id must not be blank");
		Assert.hasText(text, () -> "query " + id + " has no text");
	}

}

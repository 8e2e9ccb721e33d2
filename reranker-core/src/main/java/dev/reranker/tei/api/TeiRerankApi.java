package dev.reranker.tei.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of Hugging Face text-embeddings-inference's {@code POST /rerank}. The answer
 * is a bare array of {@link Score}.
 */
public final class TeiRerankApi {

	/** The path of the rerank endpoint, relative to the base URL. */
	public static final String PATH = "/rerank";

	private TeiRerankApi() {
	}

	/**
	 * The request body.
	 *
	 * @param query the query
	 * @param texts the texts to score
	 * @param truncate whether the server truncates inputs longer than the model allows
	 * @param rawScores always {@code false}: ask for scores in [0, 1]
	 */
	public record Request(String query, List<String> texts, boolean truncate,
			@JsonProperty("raw_scores") boolean rawScores) {
	}

	/**
	 * The score of one text.
	 *
	 * @param index the text's position in the request
	 * @param score the score in [0, 1]
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Score(@Nullable Integer index, @Nullable Double score) {
	}

}

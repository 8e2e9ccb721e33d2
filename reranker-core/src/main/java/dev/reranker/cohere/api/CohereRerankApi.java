package dev.reranker.cohere.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of Cohere's {@code POST /v2/rerank}.
 */
public final class CohereRerankApi {

	/** The path of the rerank endpoint, relative to the base URL. */
	public static final String PATH = "/v2/rerank";

	private CohereRerankApi() {
	}

	/**
	 * The request body.
	 *
	 * @param model the model name
	 * @param query the query
	 * @param documents the texts to score
	 * @param topN how many results to return, or {@code null} for all
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Request(@Nullable String model, String query, List<String> documents,
			@JsonProperty("top_n") @Nullable Integer topN) {
	}

	/**
	 * The response body.
	 *
	 * @param id the request id
	 * @param results one entry per returned document, in any order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Response(@Nullable String id, @Nullable List<Result> results) {
	}

	/**
	 * The score of one document.
	 *
	 * @param index the document's position in the request
	 * @param relevanceScore the score in [0, 1]
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Result(@Nullable Integer index, @JsonProperty("relevance_score") @Nullable Double relevanceScore) {
	}

}

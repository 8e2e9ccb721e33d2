package dev.reranker.voyage.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of Voyage AI's {@code POST /v1/rerank}.
 */
public final class VoyageRerankApi {

	/** The path of the rerank endpoint, relative to the base URL. */
	public static final String PATH = "/v1/rerank";

	private VoyageRerankApi() {
	}

	/**
	 * The request body.
	 *
	 * @param query the query
	 * @param documents the texts to score
	 * @param model the model name
	 * @param topK how many results to return, or {@code null} for all
	 * @param truncation whether the server truncates over-long inputs instead of failing
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Request(String query, List<String> documents, @Nullable String model,
			@JsonProperty("top_k") @Nullable Integer topK, boolean truncation) {
	}

	/**
	 * The response body.
	 *
	 * @param model the model that answered
	 * @param data one entry per returned document, in any order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Response(@Nullable String model, @Nullable List<Result> data) {
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

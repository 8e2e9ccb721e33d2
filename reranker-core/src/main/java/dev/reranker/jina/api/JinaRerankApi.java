package dev.reranker.jina.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of Jina AI's {@code POST /v1/rerank}, also spoken by vLLM and llama.cpp
 * server.
 */
public final class JinaRerankApi {

	/** The path of the rerank endpoint, relative to the base URL. */
	public static final String PATH = "/v1/rerank";

	private JinaRerankApi() {
	}

	/**
	 * The request body.
	 *
	 * @param model the model name
	 * @param query the query
	 * @param documents the texts to score
	 * @param topN how many results to return, or {@code null} for all
	 * @param returnDocuments always {@code false}: the texts are not echoed back
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Request(@Nullable String model, String query, List<String> documents,
			@JsonProperty("top_n") @Nullable Integer topN, @JsonProperty("return_documents") boolean returnDocuments) {
	}

	/**
	 * The response body.
	 *
	 * @param model the model that answered
	 * @param results one entry per returned document, in any order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Response(@Nullable String model, @Nullable List<Result> results) {
	}

	/**
	 * The score of one document.
	 *
	 * @param index the document's position in the request
	 * @param relevanceScore the score
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Result(@Nullable Integer index, @JsonProperty("relevance_score") @Nullable Double relevanceScore) {
	}

}

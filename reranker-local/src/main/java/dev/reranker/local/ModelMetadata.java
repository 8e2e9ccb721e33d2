package dev.reranker.local;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What config.json and tokenizer.json say about a model, read before loading it so that
 * mismatches are reported against the right file.
 *
 * @param maxPositions {@code max_position_embeddings} from config.json, or null
 * @param vocabSize {@code vocab_size} from config.json, or null
 * @param labels {@code num_labels} (or the size of {@code id2label}) from config.json, or
 * null
 * @param maxTokenId the highest token id tokenizer.json can produce
 */
record ModelMetadata(@Nullable Integer maxPositions, @Nullable Integer vocabSize, @Nullable Integer labels,
		long maxTokenId) {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	static ModelMetadata read(LocalModelFiles files) {
		Integer maxPositions = null;
		Integer vocabSize = null;
		Integer labels = null;
		Path configFile = files.config();
		if (configFile != null) {
			JsonNode config = parse(configFile, "a JSON object such as Hugging Face's config.json");
			maxPositions = intOrNull(config, "max_position_embeddings");
			vocabSize = intOrNull(config, "vocab_size");
			labels = intOrNull(config, "num_labels");
			if (labels == null && config.get("id2label") != null && config.get("id2label").isObject()) {
				labels = config.get("id2label").size();
			}
		}
		JsonNode tokenizer = parse(files.tokenizer(), "a Hugging Face tokenizers file (tokenizer.json)");
		JsonNode model = tokenizer.get("model");
		if (model == null || model.get("vocab") == null) {
			throw new LocalModelException(files.tokenizer(), "Tokenizer file has no model.vocab",
					"a Hugging Face tokenizer.json saved by the tokenizers library (save_pretrained)");
		}
		long maxId = -1;
		JsonNode vocab = model.get("vocab");
		if (vocab.isObject()) {
			for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
				maxId = Math.max(maxId, entry.getValue().asLong());
			}
		}
		else {
			maxId = vocab.size() - 1L;
		}
		JsonNode added = tokenizer.get("added_tokens");
		if (added != null && added.isArray()) {
			for (JsonNode token : added) {
				if (token.get("id") != null) {
					maxId = Math.max(maxId, token.get("id").asLong());
				}
			}
		}
		return new ModelMetadata(maxPositions, vocabSize, labels, maxId);
	}

	private static JsonNode parse(Path file, String expected) {
		try {
			JsonNode node = MAPPER.readTree(file.toFile());
			if (node == null || !node.isObject()) {
				throw new LocalModelException(file, "File is not a JSON object", expected);
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new LocalModelException(file, "File is not valid JSON (" + ex.getOriginalMessage() + ")", expected,
					ex);
		}
	}

	private static @Nullable Integer intOrNull(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asInt() : null;
	}

}

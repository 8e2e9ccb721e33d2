package dev.reranker.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What config.json, tokenizer_config.json and tokenizer.json say about a model, read
 * before loading it so that mismatches are reported against the right file: limits, the
 * pad token, the architecture, and the vocabulary (to look tokens up).
 *
 * @param maxPositions {@code max_position_embeddings} from config.json, or null
 * @param vocabSize {@code vocab_size} from config.json, or null
 * @param labels {@code num_labels} (or the size of {@code id2label}) from config.json, or
 * null
 * @param maxTokenId the highest token id tokenizer.json can produce
 * @param modelType {@code model_type} from config.json, or null
 * @param architectures {@code architectures} from config.json, possibly empty
 * @param padId the id padding is filled with (see {@link #read})
 * @param padSource where {@code padId} came from, for logs
 * @param modelMaxLength {@code model_max_length} from tokenizer_config.json when it is a
 * real limit (not the "very large" sentinel), or null
 * @param vocabulary token → id of tokenizer.json's model vocabulary and added tokens
 */
record ModelMetadata(@Nullable Integer maxPositions, @Nullable Integer vocabSize, @Nullable Integer labels,
		long maxTokenId, @Nullable String modelType, List<String> architectures, long padId, String padSource,
		@Nullable Integer modelMaxLength, Map<String, Long> vocabulary) {

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	/**
	 * Model types whose position ids start after the pad id (RoBERTa's
	 * {@code create_position_ids_from_input_ids}), normalised (lower case, no dashes or
	 * underscores): they use {@code max_position_embeddings - pad_id - 1} positions.
	 */
	private static final Set<String> PAD_OFFSET_POSITIONS = Set.of("roberta", "xlmroberta", "camembert", "longformer",
			"mpnet", "data2vectext", "xmod", "ibert", "luke", "markuplm");

	/** Decoder model types, normalised as above. */
	private static final Set<String> DECODER_TYPES = Set.of("qwen2", "qwen3", "llama", "mistral", "gemma", "gemma2",
			"gemma3", "gemma3text", "phi", "phi3", "gpt2", "gptneox", "olmo", "olmo2", "smollm3");

	/** Pad tokens looked up when no file names one. */
	private static final List<String> CONVENTIONAL_PAD_TOKENS = List.of("[PAD]", "<pad>");

	/** tokenizer_config.json's "no limit" value is about 1e30; real limits are small. */
	private static final double MODEL_MAX_LENGTH_SENTINEL = 1_000_000;

	/**
	 * Reads the model's metadata. The pad id is, in order: tokenizer_config.json's
	 * {@code pad_token} (what Hugging Face pads with), config.json's
	 * {@code pad_token_id}, tokenizer.json's {@code padding.pad_id}, a {@code [PAD]} or
	 * {@code <pad>} token of the vocabulary, config.json's {@code eos_token_id}, else 0.
	 */
	static ModelMetadata read(LocalModelFiles files) {
		Integer maxPositions = null;
		Integer vocabSize = null;
		Integer labels = null;
		String modelType = null;
		List<String> architectures = new ArrayList<>();
		JsonNode config = null;
		Path configFile = files.config();
		if (configFile != null) {
			config = parse(configFile, "a JSON object such as Hugging Face's config.json");
			maxPositions = intOrNull(config, "max_position_embeddings");
			vocabSize = intOrNull(config, "vocab_size");
			labels = intOrNull(config, "num_labels");
			if (labels == null && config.get("id2label") != null && config.get("id2label").isObject()) {
				labels = config.get("id2label").size();
			}
			JsonNode type = config.get("model_type");
			modelType = (type != null && type.isString()) ? type.asString() : null;
			JsonNode names = config.get("architectures");
			if (names != null && names.isArray()) {
				for (JsonNode name : names) {
					architectures.add(name.asString());
				}
			}
		}
		JsonNode tokenizer = parse(files.tokenizer(), "a Hugging Face tokenizers file (tokenizer.json)");
		JsonNode model = tokenizer.get("model");
		if (model == null || model.get("vocab") == null) {
			throw new LocalModelException(files.tokenizer(), "Tokenizer file has no model.vocab",
					"a Hugging Face tokenizer.json saved by the tokenizers library (save_pretrained)");
		}
		Map<String, Long> vocabulary = new HashMap<>();
		long maxId = -1;
		JsonNode vocab = model.get("vocab");
		if (vocab.isObject()) {
			for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
				vocabulary.put(entry.getKey(), entry.getValue().asLong());
				maxId = Math.max(maxId, entry.getValue().asLong());
			}
		}
		else {
			// Unigram: [[piece, score], ...], the id is the position
			for (int id = 0; id < vocab.size(); id++) {
				JsonNode piece = vocab.get(id);
				if (piece.isArray() && !piece.isEmpty()) {
					vocabulary.put(piece.get(0).asString(), (long) id);
				}
			}
			maxId = vocab.size() - 1L;
		}
		JsonNode added = tokenizer.get("added_tokens");
		if (added != null && added.isArray()) {
			for (JsonNode token : added) {
				if (token.get("id") != null) {
					maxId = Math.max(maxId, token.get("id").asLong());
					if (token.get("content") != null) {
						vocabulary.put(token.get("content").asString(), token.get("id").asLong());
					}
				}
			}
		}
		Integer modelMaxLength = null;
		Long padId = null;
		String padSource = null;
		Path tokenizerConfigFile = files.tokenizerConfig();
		if (tokenizerConfigFile != null) {
			JsonNode tokenizerConfig = parse(tokenizerConfigFile, "a JSON object such as tokenizer_config.json");
			JsonNode limit = tokenizerConfig.get("model_max_length");
			if (limit != null && limit.isNumber() && limit.asDouble() < MODEL_MAX_LENGTH_SENTINEL) {
				modelMaxLength = limit.asInt();
			}
			String padToken = tokenText(tokenizerConfig.get("pad_token"));
			if (padToken != null) {
				padId = vocabulary.get(padToken);
				if (padId == null) {
					throw new LocalModelException(tokenizerConfigFile,
							"pad_token '" + padToken + "' is not a token of " + LocalModelFiles.TOKENIZER,
							"the tokenizer_config.json saved together with this tokenizer.json");
				}
				padSource = LocalModelFiles.TOKENIZER_CONFIG + " pad_token '" + padToken + "'";
			}
		}
		if (padId == null && config != null && config.get("pad_token_id") != null
				&& config.get("pad_token_id").isIntegralNumber()) {
			padId = config.get("pad_token_id").asLong();
			padSource = LocalModelFiles.CONFIG + " pad_token_id";
		}
		JsonNode padding = tokenizer.get("padding");
		if (padId == null && padding != null && padding.isObject() && padding.get("pad_id") != null) {
			padId = padding.get("pad_id").asLong();
			padSource = LocalModelFiles.TOKENIZER + " padding.pad_id";
		}
		for (String token : CONVENTIONAL_PAD_TOKENS) {
			if (padId == null && vocabulary.containsKey(token)) {
				padId = vocabulary.get(token);
				padSource = LocalModelFiles.TOKENIZER + " token " + token;
			}
		}
		if (padId == null && config != null && config.get("eos_token_id") != null
				&& config.get("eos_token_id").isIntegralNumber()) {
			padId = config.get("eos_token_id").asLong();
			padSource = LocalModelFiles.CONFIG + " eos_token_id";
		}
		return new ModelMetadata(maxPositions, vocabSize, labels, maxId, modelType, List.copyOf(architectures),
				(padId != null) ? padId : 0L, (padSource != null) ? padSource : "default 0", modelMaxLength,
				Map.copyOf(vocabulary));
	}

	/**
	 * Tokens per sequence the model can take: {@code max_position_embeddings}, less the
	 * pad offset of RoBERTa-style position ids (514 → 512 for XLM-RoBERTa), and at most
	 * tokenizer_config.json's {@code model_max_length}; null when neither file says.
	 */
	@Nullable Integer usableLength() {
		Integer usable = this.maxPositions;
		if (usable != null) {
			usable = (int) (usable - firstPosition());
		}
		if (this.modelMaxLength != null && (usable == null || this.modelMaxLength < usable)) {
			usable = this.modelMaxLength;
		}
		return usable;
	}

	/**
	 * The position id of a sequence's first token: {@code pad_id + 1} for RoBERTa-style
	 * models (their {@code create_position_ids_from_input_ids}), 0 otherwise. A graph
	 * that takes {@code position_ids} is fed positions counted from it.
	 */
	long firstPosition() {
		return PAD_OFFSET_POSITIONS.contains(normalised(this.modelType)) ? this.padId + 1 : 0;
	}

	/** Why the usable length is what it is, for error messages. */
	String usableLengthReason() {
		StringBuilder reason = new StringBuilder();
		if (this.maxPositions != null) {
			reason.append("max_position_embeddings=").append(this.maxPositions);
			if (PAD_OFFSET_POSITIONS.contains(normalised(this.modelType))) {
				reason.append(" less ")
					.append(this.padId + 1)
					.append(" (")
					.append(this.modelType)
					.append(" position ids start after pad id ")
					.append(this.padId)
					.append(")");
			}
		}
		if (this.modelMaxLength != null) {
			reason.append((reason.length() > 0) ? ", " : "").append("model_max_length=").append(this.modelMaxLength);
		}
		return reason.toString();
	}

	/** Whether config.json describes a decoder (causal LM) rather than an encoder. */
	boolean decoder() {
		for (String architecture : this.architectures) {
			if (architecture.endsWith("ForCausalLM") || architecture.endsWith("LMHeadModel")) {
				return true;
			}
		}
		return DECODER_TYPES.contains(normalised(this.modelType));
	}

	/**
	 * The id of a vocabulary token, or null.
	 * @param token the token as the vocabulary spells it
	 * @return the id or null
	 */
	@Nullable Long tokenId(String token) {
		return this.vocabulary.get(token);
	}

	private static String normalised(@Nullable String modelType) {
		return (modelType != null) ? modelType.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "") : "";
	}

	private static @Nullable String tokenText(@Nullable JsonNode token) {
		if (token == null || token.isNull()) {
			return null;
		}
		if (token.isString()) {
			return token.asString();
		}
		JsonNode content = token.get("content");
		return (content != null && content.isString()) ? content.asString() : null;
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

	@Override
	public String toString() {
		return "ModelMetadata{modelType=" + this.modelType + ", architectures=" + this.architectures + ", maxPositions="
				+ this.maxPositions + ", padId=" + this.padId + ", vocabulary=" + this.vocabulary.size() + " tokens}";
	}

}

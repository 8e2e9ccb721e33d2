package dev.reranker.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small tokenizer.json files of the two tokenizer models other than WordPiece, built in
 * code from a word list: a SentencePiece-style {@code Unigram} with a {@code Metaspace}
 * pre-tokenizer (XLM-RoBERTa, DeBERTa-v3) and a byte-level {@code BPE} (ModernBERT,
 * Qwen). Both cover any text (single pieces or bytes for words not in the list) and put
 * the special tokens where {@code specials} says; the pair template is given as the
 * tokenizers library's {@code TemplateProcessing}.
 */
public final class FixtureTokenizerJson {

	/** Words that are whole tokens in every fixture vocabulary. */
	public static final List<String> WORDS = List.of("a", "the", "of", "and", "is", "in", "to", "what", "how", "does",
			"do", "which", "reranker", "reads", "query", "queries", "document", "documents", "score", "scores",
			"relevance", "relevant", "cat", "cats", "dog", "dogs", "sat", "on", "mat", "paris", "capital", "france",
			"city", "river", "bank", "money", "loan", "interest", "weather", "sunny", "rain", "tomorrow", "python",
			"java", "code", "language", "model", "models", "onnx", "runtime", "graph", "token", "tokens", "batch",
			"padding", "left", "right", "search", "engine", "ranking", "best", "candidate", "each", "together", "their",
			"it", "was", "are", "yes", "no", "many", "long", "short", "text", "about", "for", "with", "red", "blue",
			"green", "apple", "banana", "fruit", "tree", "trees", "grow", "forest");

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private FixtureTokenizerJson() {
	}

	/**
	 * A special token at a fixed id.
	 *
	 * @param content the token text
	 * @param id its id
	 */
	public record Special(String content, int id) {
	}

	/**
	 * Writes a Unigram (SentencePiece) tokenizer: ids {@code 0..specials-1} are the
	 * specials (in the order given, which must be their ids), then the words as
	 * {@code ▁word} pieces, then single characters.
	 * @param file the tokenizer.json to write
	 * @param specials the special tokens, ids {@code 0..n-1}
	 * @param unk the unknown token's content
	 * @param pairTemplate the pair template, e.g. {@code <s> $A </s> </s> $B </s>}
	 * @param singleTemplate the single-sequence template
	 * @return the vocabulary as token → id
	 */
	public static Map<String, Integer> writeUnigram(Path file, List<Special> specials, String unk, String pairTemplate,
			String singleTemplate) {
		ObjectNode json = base(specials, pairTemplate, singleTemplate);
		ObjectNode metaspace = MAPPER.createObjectNode()
			.put("type", "Metaspace")
			.put("replacement", "\u2581")
			.put("prepend_scheme", "always")
			.put("split", true);
		json.set("pre_tokenizer", metaspace);
		json.set("decoder", metaspace.deepCopy());
		Map<String, Integer> vocabulary = new LinkedHashMap<>();
		ArrayNode vocab = MAPPER.createArrayNode();
		for (Special special : specials) {
			if (special.id() != vocabulary.size()) {
				throw new IllegalArgumentException("Unigram specials must have ids 0..n-1 in order");
			}
			vocabulary.put(special.content(), special.id());
			vocab.add(MAPPER.createArrayNode().add(special.content()).add(0.0));
		}
		for (String word : WORDS) {
			add(vocabulary, vocab, "\u2581" + word, -2.0);
		}
		add(vocabulary, vocab, "\u2581", -4.0);
		for (char c = 33; c < 127; c++) {
			add(vocabulary, vocab, String.valueOf(c), -8.0);
		}
		ObjectNode model = MAPPER.createObjectNode().put("type", "Unigram").put("unk_id", vocabulary.get(unk));
		model.set("vocab", vocab);
		model.put("byte_fallback", false);
		json.set("model", model);
		write(file, json);
		return vocabulary;
	}

	private static void add(Map<String, Integer> vocabulary, ArrayNode vocab, String piece, double score) {
		if (!vocabulary.containsKey(piece)) {
			vocabulary.put(piece, vocabulary.size());
			vocab.add(MAPPER.createArrayNode().add(piece).add(score));
		}
	}

	/**
	 * Writes a byte-level BPE tokenizer (GPT-2 byte alphabet, no prefix space): ids
	 * {@code 0..255} are the bytes, then the words with a leading space ({@code Ġword},
	 * as they follow a space in text), merged from the left so each becomes one token,
	 * plus {@code yes} and {@code no} without the space (as decoder rerankers read their
	 * answer), then the specials in the order given (the tokenizers library numbers added
	 * tokens after the vocabulary).
	 * @param file the tokenizer.json to write
	 * @param specials the special tokens' contents
	 * @param pairTemplate the pair template, or null for none (decoders)
	 * @param singleTemplate the single-sequence template, or null
	 * @return the vocabulary as token → id, specials included
	 */
	public static Map<String, Integer> writeByteLevelBpe(Path file, List<String> specials,
			@Nullable String pairTemplate, @Nullable String singleTemplate) {
		ObjectNode byteLevel = MAPPER.createObjectNode()
			.put("type", "ByteLevel")
			.put("add_prefix_space", false)
			.put("trim_offsets", true)
			.put("use_regex", true);
		Map<String, Integer> vocabulary = bpeVocabulary();
		// Every merge extends a word from its first symbol, so merges of different words
		// never compete inside a word: each listed word ends as one token.
		Set<String> merges = new LinkedHashSet<>();
		List<String> forms = new ArrayList<>();
		WORDS.forEach((word) -> forms.add("\u0120" + word));
		forms.addAll(List.of("yes", "no"));
		for (String form : forms) {
			String left = form.substring(0, 1);
			for (int i = 1; i < form.length(); i++) {
				String right = form.substring(i, i + 1);
				merges.add(left + " " + right);
				left = left + right;
				vocabulary.putIfAbsent(left, vocabulary.size());
			}
		}
		List<Special> numbered = new ArrayList<>();
		for (String special : specials) {
			numbered.add(new Special(special, vocabulary.size() + numbered.size()));
		}
		ObjectNode json = base(numbered, pairTemplate, singleTemplate);
		json.set("pre_tokenizer", byteLevel);
		json.set("decoder", byteLevel.deepCopy());
		ObjectNode model = MAPPER.createObjectNode().put("type", "BPE");
		model.putNull("dropout");
		model.putNull("unk_token");
		model.putNull("continuing_subword_prefix");
		model.putNull("end_of_word_suffix");
		model.put("fuse_unk", false);
		model.put("byte_fallback", false);
		ObjectNode vocab = model.putObject("vocab");
		vocabulary.forEach(vocab::put);
		ArrayNode mergeList = model.putArray("merges");
		merges.forEach(mergeList::add);
		json.set("model", model);
		write(file, json);
		Map<String, Integer> all = new LinkedHashMap<>(vocabulary);
		numbered.forEach((special) -> all.put(special.content(), special.id()));
		return all;
	}

	/**
	 * The id of a token of a written vocabulary.
	 * @param vocabulary the vocabulary
	 * @param token the token
	 * @return its id
	 * @throws IllegalArgumentException when the token is not in it
	 */
	public static int id(Map<String, Integer> vocabulary, String token) {
		Integer id = vocabulary.get(token);
		if (id == null) {
			throw new IllegalArgumentException("'" + token + "' is not in the fixture vocabulary");
		}
		return id;
	}

	/** GPT-2's reversible byte → printable character table, in byte order. */
	private static Map<String, Integer> bpeVocabulary() {
		List<Integer> printable = new ArrayList<>();
		for (int b = '!'; b <= '~'; b++) {
			printable.add(b);
		}
		for (int b = 0xA1; b <= 0xAC; b++) {
			printable.add(b);
		}
		for (int b = 0xAE; b <= 0xFF; b++) {
			printable.add(b);
		}
		Map<String, Integer> vocabulary = new LinkedHashMap<>();
		int shifted = 0;
		for (int b = 0; b < 256; b++) {
			int code = printable.contains(b) ? b : 256 + shifted++;
			vocabulary.put(String.valueOf((char) code), b);
		}
		return vocabulary;
	}

	private static ObjectNode base(List<Special> specials, @Nullable String pairTemplate,
			@Nullable String singleTemplate) {
		ObjectNode json = MAPPER.createObjectNode().put("version", "1.0");
		json.putNull("truncation");
		json.putNull("padding");
		ArrayNode added = json.putArray("added_tokens");
		for (Special special : specials) {
			added.addObject()
				.put("id", special.id())
				.put("content", special.content())
				.put("single_word", false)
				.put("lstrip", false)
				.put("rstrip", false)
				.put("normalized", false)
				.put("special", true);
		}
		json.putNull("normalizer");
		if (pairTemplate == null || singleTemplate == null) {
			json.putNull("post_processor");
			return json;
		}
		ObjectNode processor = json.putObject("post_processor").put("type", "TemplateProcessing");
		processor.set("single", template(singleTemplate));
		processor.set("pair", template(pairTemplate));
		ObjectNode tokens = processor.putObject("special_tokens");
		for (Special special : specials) {
			if (pairTemplate.contains(special.content())) {
				ObjectNode token = tokens.putObject(special.content()).put("id", special.content());
				token.putArray("ids").add(special.id());
				token.putArray("tokens").add(special.content());
			}
		}
		return json;
	}

	/** {@code "[CLS] $A [SEP] $B:1 [SEP]:1"} in the tokenizers library's JSON form. */
	private static ArrayNode template(String template) {
		ArrayNode pieces = MAPPER.createArrayNode();
		for (String piece : template.trim().split("\\s+")) {
			int colon = piece.lastIndexOf(':');
			int type = 0;
			String name = piece;
			if (colon > 0 && piece.substring(colon + 1).matches("\\d+")) {
				type = Integer.parseInt(piece.substring(colon + 1));
				name = piece.substring(0, colon);
			}
			if (name.startsWith("$")) {
				pieces.addObject().putObject("Sequence").put("id", name.substring(1)).put("type_id", type);
			}
			else {
				pieces.addObject().putObject("SpecialToken").put("id", name).put("type_id", type);
			}
		}
		return pieces;
	}

	private static void write(Path file, ObjectNode json) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			MAPPER.writeValue(file.toFile(), json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.reranker.eval.firststage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.ToIntFunction;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Token counts of texts as an embedding model sees them: its Hugging Face tokenizer,
 * special tokens included, truncated at the model's max length, without padding.
 */
public final class TokenCounts {

	private TokenCounts() {
	}

	/**
	 * @param tokenizer the tokenizer.json's location (a Spring resource location)
	 * @param maxLength tokens per text before truncation
	 * @return a function from a text to its token count
	 * @throws UncheckedIOException naming the location when the tokenizer cannot be read
	 */
	public static ToIntFunction<String> of(String tokenizer, int maxLength) {
		Resource resource = new DefaultResourceLoader().getResource(tokenizer);
		HuggingFaceTokenizer loaded;
		try (InputStream in = resource.getInputStream()) {
			loaded = HuggingFaceTokenizer.newInstance(in,
					Map.of("truncation", "true", "padding", "false", "maxLength", String.valueOf(maxLength)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the tokenizer '" + tokenizer + "' (eval.embedding.tokenizer)",
					ex);
		}
		return text -> loaded.encode(text).getIds().length;
	}

}

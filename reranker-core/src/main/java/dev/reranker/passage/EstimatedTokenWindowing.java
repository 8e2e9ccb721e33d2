package dev.reranker.passage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Windowing by estimated tokens, for models whose tokenizer is not at hand (remote APIs,
 * embedding models): tokens are counted with JTokkit's {@code cl100k_base}, the estimator
 * of the token budget, which is close to but not exactly what a provider counts. The room
 * is the model's token limit minus the query's estimated tokens and a margin of
 * {@value #PAIR_MARGIN} tokens for the model's special tokens.
 */
public final class EstimatedTokenWindowing implements PassageWindowing {

	/** Tokens kept free for the special tokens a model adds around query and document. */
	public static final int PAIR_MARGIN = 16;

	/** The token limit assumed for a provider or model not listed. */
	public static final int DEFAULT_MAX_TOKENS = 512;

	/**
	 * Token limits (query and document together) of the hosted models each provider
	 * defaults to, and of their siblings, from the providers' documentation.
	 */
	private static final Map<String, Integer> MODEL_MAX_TOKENS = Map.of("rerank-v3.5", 4096, "rerank-english-v3.0",
			4096, "rerank-multilingual-v3.0", 4096, "jina-reranker-v2-base-multilingual", 1024, "rerank-2.5", 32000,
			"rerank-2.5-lite", 32000, "rerank-2", 16000, "rerank-2-lite", 8000);

	private static final Map<String, Integer> PROVIDER_MAX_TOKENS = Map.of("cohere", 4096, "jina", 1024, "voyage",
			8000);

	private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	private final int maxTokens;

	private final boolean queryShared;

	private EstimatedTokenWindowing(int maxTokens, boolean queryShared) {
		Assert.isTrue(maxTokens > (queryShared ? PAIR_MARGIN + 1 : 0), () -> "maxTokens must leave room for a "
				+ "document next to the query but was " + maxTokens + " (EstimatedTokenWindowing#of)");
		this.maxTokens = maxTokens;
		this.queryShared = queryShared;
	}

	/**
	 * Windowing for a cross-encoder that reads query and document together within a token
	 * limit.
	 * @param maxTokens the model's limit for query and document together
	 * @return the windowing
	 */
	public static EstimatedTokenWindowing of(int maxTokens) {
		return new EstimatedTokenWindowing(maxTokens, true);
	}

	/**
	 * Windowing for a model that reads the document alone (an embedding model): the query
	 * takes no room.
	 * @param maxTokens the model's limit for one text
	 * @return the windowing
	 */
	public static EstimatedTokenWindowing ofDocumentsAlone(int maxTokens) {
		return new EstimatedTokenWindowing(maxTokens, false);
	}

	/**
	 * Windowing with the token limit of a provider's model: listed hosted models (Cohere
	 * rerank-v3.5 4096, Jina reranker v2 1024, Voyage rerank-2.5 32000, …), else the
	 * provider's usual limit, else {@value #DEFAULT_MAX_TOKENS}; the {@code embedding}
	 * provider reads documents alone.
	 * @param provider the provider name
	 * @param model the model name, if known
	 * @return the windowing
	 */
	public static EstimatedTokenWindowing forModel(String provider, @Nullable String model) {
		Integer byModel = (model != null) ? MODEL_MAX_TOKENS.get(model.toLowerCase(Locale.ROOT)) : null;
		int limit = (byModel != null) ? byModel : PROVIDER_MAX_TOKENS.getOrDefault(provider, DEFAULT_MAX_TOKENS);
		return "embedding".equals(provider) ? ofDocumentsAlone(limit) : of(limit);
	}

	@Override
	public int room(String query) {
		return this.queryShared ? this.maxTokens - PAIR_MARGIN - CL100K.countTokensOrdinary(query) : this.maxTokens;
	}

	@Override
	public int maxRoom() {
		return this.queryShared ? this.maxTokens - PAIR_MARGIN - 1 : this.maxTokens;
	}

	@Override
	public List<TokenSpans> tokenize(List<String> texts, int limit) {
		List<TokenSpans> spans = new ArrayList<>(texts.size());
		for (String text : texts) {
			spans.add(spans(text, CL100K.encodeOrdinary(text, limit).getTokens()));
		}
		return spans;
	}

	/**
	 * Character offsets of byte-level tokens: each token's UTF-8 bytes are laid over the
	 * text's code points; a token that ends inside a code point (a split multi-byte
	 * character) ends after it, and the next token starts at that code point too.
	 */
	static TokenSpans spans(String text, IntArrayList tokens) {
		int count = tokens.size();
		int[] starts = new int[count];
		int[] ends = new int[count];
		IntArrayList one = new IntArrayList(1);
		int charIndex = 0;
		// Bytes of the code point at charIndex already covered by earlier tokens.
		int consumed = 0;
		for (int t = 0; t < count; t++) {
			one.clear();
			one.add(tokens.get(t));
			int bytes = CL100K.decodeBytes(one).length;
			starts[t] = Math.min(charIndex, text.length());
			while (bytes > 0 && charIndex < text.length()) {
				int codePoint = text.codePointAt(charIndex);
				int left = utf8Length(codePoint) - consumed;
				if (bytes >= left) {
					bytes -= left;
					consumed = 0;
					charIndex += Character.charCount(codePoint);
				}
				else {
					consumed += bytes;
					bytes = 0;
				}
			}
			int end = charIndex;
			if (consumed > 0) {
				end += Character.charCount(text.codePointAt(charIndex));
			}
			ends[t] = Math.min(end, text.length());
		}
		return new TokenSpans(starts, ends);
	}

	/** Bytes of a code point in UTF-8; a lone surrogate is encoded as one byte ('?'). */
	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80 || Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

	@Override
	public String unit() {
		return "estimated tokens (JTokkit cl100k_base)";
	}

	/**
	 * @return the model's token limit these windows are cut for
	 */
	public int getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public String toString() {
		return "EstimatedTokenWindowing{maxTokens=" + this.maxTokens + ", queryShared=" + this.queryShared + "}";
	}

}

package dev.reranker.local;

import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;

import dev.reranker.RerankException;

/**
 * Encodes query-document pairs with the model's Hugging Face tokenizer
 * ({@code [CLS] query [SEP] document [SEP]} for BERT-style vocabularies), truncating the
 * document only: a query is never cut, and one that leaves no room for a document fails
 * the call. Thread-safe; {@link #close()} frees the native tokenizers.
 */
final class PairEncoder implements AutoCloseable {

	/**
	 * Characters of a document kept per token of max length before tokenization: bounds
	 * tokenizer work and memory for megabyte-sized documents, far above what
	 * {@code maxLength} tokens ever span in natural text.
	 */
	static final int CHARS_PER_TOKEN_BOUND = 32;

	/** Truncates the second sequence (the document) to {@code maxLength}. */
	private final HuggingFaceTokenizer tokenizer;

	/**
	 * Same vocabulary, no truncation: measures queries without risking a truncation
	 * error.
	 */
	private final HuggingFaceTokenizer lengthTokenizer;

	private final int maxLength;

	/** Special tokens a pair adds ([CLS], [SEP], [SEP] for BERT). */
	private final int pairOverhead;

	private PairEncoder(HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer lengthTokenizer, int maxLength) {
		this.tokenizer = tokenizer;
		this.lengthTokenizer = lengthTokenizer;
		this.maxLength = maxLength;
		this.pairOverhead = lengthTokenizer.encode("", "").getIds().length;
	}

	/**
	 * Loads the tokenizer of a model.
	 * @param files the model files
	 * @param maxLength tokens per pair
	 * @return the encoder
	 * @throws LocalModelException when tokenizer.json cannot be loaded
	 */
	static PairEncoder load(LocalModelFiles files, int maxLength) {
		HuggingFaceTokenizer tokenizer = loadTokenizer(files, maxLength, true);
		try {
			return new PairEncoder(tokenizer, loadTokenizer(files, maxLength, false), maxLength);
		}
		catch (RuntimeException ex) {
			tokenizer.close();
			throw ex;
		}
	}

	private static HuggingFaceTokenizer loadTokenizer(LocalModelFiles files, int maxLength, boolean truncate) {
		try {
			HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder()
				.optTokenizerPath(files.tokenizer())
				.optAddSpecialTokens(true)
				.optPadding(false)
				.optMaxLength(maxLength);
			return (truncate ? builder.optTruncateSecondOnly() : builder.optTruncation(false)).build();
		}
		catch (Exception ex) {
			throw new LocalModelException(files.tokenizer(),
					"Tokenizer file could not be loaded by DJL's Hugging Face tokenizers (" + ex.getMessage() + ")",
					"a tokenizer.json written by the Hugging Face tokenizers library", ex);
		}
	}

	/**
	 * Encodes each document together with the query.
	 * @param query the query, never truncated
	 * @param documents the documents, each truncated to fit {@code maxLength}
	 * @return one unpadded encoding per document, in input order
	 * @throws RerankException when the query leaves no room for a document or the
	 * tokenizer fails
	 */
	Encoding[] encode(String query, List<String> documents) {
		// DJL's pair encoding aborts the JVM (a Rust panic) when only-second truncation
		// cannot make room, so the query's length is checked before any pair is encoded.
		int queryTokens = this.lengthTokenizer.encode(query, false, false).getIds().length;
		if (queryTokens + this.pairOverhead >= this.maxLength) {
			throw new RerankException(LocalRerankModel.PROVIDER,
					"the query has " + queryTokens + " tokens, which leaves no room for a document within "
							+ LocalSetting.MAX_LENGTH + "=" + this.maxLength
							+ " (the query is never truncated); shorten the query or raise " + LocalSetting.MAX_LENGTH);
		}
		int maxChars = this.maxLength * CHARS_PER_TOKEN_BOUND;
		PairList<String, String> pairs = new PairList<>(documents.size());
		for (String document : documents) {
			pairs.add(query, (document.length() > maxChars) ? document.substring(0, maxChars) : document);
		}
		try {
			return this.tokenizer.batchEncode(pairs);
		}
		catch (RuntimeException ex) {
			throw new RerankException(LocalRerankModel.PROVIDER, "tokenization failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Encodes one pair.
	 * @param query the query
	 * @param document the document
	 * @return the unpadded encoding
	 */
	Encoding encode(String query, String document) {
		return encode(query, List.of(document))[0];
	}

	int maxLength() {
		return this.maxLength;
	}

	/**
	 * The fewest tokens a pair can have: the tokenizer's special tokens for a pair plus
	 * one token of the query and one of the document.
	 */
	int minimumMaxLength() {
		return this.pairOverhead + 2;
	}

	/**
	 * Whether a query leaves room for at least one token of a document within
	 * {@code maxLength}.
	 */
	boolean fits(String query) {
		return this.lengthTokenizer.encode(query, false, false).getIds().length + this.pairOverhead < this.maxLength;
	}

	/**
	 * Tokens of a document that fit next to a query in one pair: what
	 * {@link #encode(String, List)} keeps of a longer document.
	 */
	int documentRoom(String query) {
		return this.maxLength - this.pairOverhead - this.lengthTokenizer.encode(query, false, false).getIds().length;
	}

	/**
	 * Tokenizes texts on their own (no special tokens, no truncation), with their
	 * character spans, for {@link TokenizerPassageWindowing}.
	 */
	Encoding[] tokenizeAlone(List<String> texts) {
		return this.lengthTokenizer.batchEncode(texts, false, false);
	}

	@Override
	public void close() {
		try {
			this.tokenizer.close();
		}
		finally {
			this.lengthTokenizer.close();
		}
	}

}

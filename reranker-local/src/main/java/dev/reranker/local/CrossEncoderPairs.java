package dev.reranker.local;

import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;

import dev.reranker.RerankException;

/**
 * Encodes query-document pairs for an encoder cross-encoder with the model's Hugging Face
 * tokenizer and its own pair template ({@code [CLS] query [SEP] document [SEP]} for BERT,
 * {@code <s> query </s></s> document </s>} for XLM-RoBERTa), truncating the document
 * only: a query is never cut, and one that leaves no room for a document fails the call.
 * Thread-safe; {@link #close()} frees the native tokenizers.
 */
final class CrossEncoderPairs implements PairEncoder {

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

	private CrossEncoderPairs(HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer lengthTokenizer, int maxLength) {
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
	static CrossEncoderPairs load(LocalModelFiles files, int maxLength) {
		HuggingFaceTokenizer tokenizer = loadTokenizer(files, maxLength, true, true);
		try {
			return new CrossEncoderPairs(tokenizer, loadTokenizer(files, maxLength, false, true), maxLength);
		}
		catch (RuntimeException ex) {
			tokenizer.close();
			throw ex;
		}
	}

	static HuggingFaceTokenizer loadTokenizer(LocalModelFiles files, int maxLength, boolean truncate,
			boolean specialTokens) {
		try {
			HuggingFaceTokenizer.Builder builder = HuggingFaceTokenizer.builder()
				.optTokenizerPath(files.tokenizer())
				.optAddSpecialTokens(specialTokens)
				.optPadding(false)
				.optMaxLength(maxLength);
			// DJL silently lowers maxLength to its modelMaxLength, 512 unless told: the
			// model's own limit was checked against config.json already
			builder.configure(Map.of("modelMaxLength", maxLength));
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
	@Override
	public Encoding[] encode(String query, List<String> documents) {
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

	@Override
	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * The fewest tokens a pair can have: the tokenizer's special tokens for a pair plus
	 * one token of the query and one of the document.
	 */
	@Override
	public int minimumMaxLength() {
		return this.pairOverhead + 2;
	}

	/**
	 * Whether a query leaves room for at least one token of a document within
	 * {@code maxLength}.
	 */
	@Override
	public boolean fits(String query) {
		return this.lengthTokenizer.encode(query, false, false).getIds().length + this.pairOverhead < this.maxLength;
	}

	@Override
	public int documentRoom(String query) {
		return this.maxLength - this.pairOverhead - this.lengthTokenizer.encode(query, false, false).getIds().length;
	}

	@Override
	public Encoding[] tokenizeAlone(List<String> texts) {
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

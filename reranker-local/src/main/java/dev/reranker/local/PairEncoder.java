package dev.reranker.local;

import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;

import dev.reranker.RerankException;

/**
 * Turns query-document pairs into unpadded token sequences of at most
 * {@link #maxLength()} tokens, truncating the document only: {@link CrossEncoderPairs}
 * for encoders (the tokenizer's pair template), {@link PromptPairs} for decoders (a
 * {@link PromptTemplate}). Implementations are thread-safe.
 */
sealed interface PairEncoder extends AutoCloseable permits CrossEncoderPairs, PromptPairs {

	/**
	 * Characters of a document kept per token of max length before tokenization: bounds
	 * tokenizer work and memory for megabyte-sized documents, far above what
	 * {@code maxLength} tokens ever span in natural text.
	 */
	int CHARS_PER_TOKEN_BOUND = 32;

	/**
	 * Encodes each document together with the query.
	 * @param query the query, never truncated
	 * @param documents the documents, each truncated to fit {@code maxLength}
	 * @return one unpadded encoding per document, in input order
	 * @throws RerankException when the query leaves no room for a document or the
	 * tokenizer fails
	 */
	Encoding[] encode(String query, List<String> documents);

	/**
	 * Encodes one pair.
	 * @param query the query
	 * @param document the document
	 * @return the unpadded encoding
	 */
	default Encoding encode(String query, String document) {
		return encode(query, List.of(document))[0];
	}

	/** Tokens per pair. */
	int maxLength();

	/**
	 * The fewest tokens a pair can have: the special (or template) tokens plus one token
	 * of the query and one of the document.
	 */
	int minimumMaxLength();

	/** What the tokens a pair needs besides query and document are, for messages. */
	default String overheadName() {
		return "special tokens";
	}

	/**
	 * Whether a query leaves room for at least one token of a document within
	 * {@code maxLength}.
	 */
	boolean fits(String query);

	/**
	 * Tokens of a document that fit next to a query in one pair: what
	 * {@link #encode(String, List)} keeps of a longer document.
	 */
	int documentRoom(String query);

	/**
	 * Tokenizes texts on their own (no special tokens, no truncation), with their
	 * character spans, for {@link TokenizerPassageWindowing}.
	 */
	Encoding[] tokenizeAlone(List<String> texts);

	@Override
	void close();

}

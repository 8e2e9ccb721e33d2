package dev.reranker.train.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import org.springframework.util.Assert;

/**
 * Encodes (query, passage) pairs as the local provider does: {@code [CLS] query [SEP]
 * passage [SEP]}, only the passage truncated to {@code maxLength} tokens, no padding (a
 * batch is padded to its own longest pair). Thread-safe; {@link #close()} frees the
 * native tokenizers.
 */
public final class PairTokenizer implements AutoCloseable {

	private final HuggingFaceTokenizer tokenizer;

	private final HuggingFaceTokenizer lengthTokenizer;

	private final int maxLength;

	private final int pairOverhead;

	private PairTokenizer(HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer lengthTokenizer, int maxLength) {
		this.tokenizer = tokenizer;
		this.lengthTokenizer = lengthTokenizer;
		this.maxLength = maxLength;
		this.pairOverhead = lengthTokenizer.encode("", "").getIds().length;
	}

	/**
	 * Loads a {@code tokenizer.json}.
	 * @param tokenizerJson the file
	 * @param maxLength tokens per pair
	 * @return the tokenizer
	 */
	public static PairTokenizer load(Path tokenizerJson, int maxLength) {
		Assert.isTrue(maxLength >= 8, "maxLength must be at least 8 tokens");
		try {
			HuggingFaceTokenizer truncating = builder(tokenizerJson, maxLength).optTruncateSecondOnly().build();
			try {
				return new PairTokenizer(truncating, builder(tokenizerJson, maxLength).optTruncation(false).build(),
						maxLength);
			}
			catch (RuntimeException ex) {
				truncating.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not load " + tokenizerJson, ex);
		}
	}

	private static HuggingFaceTokenizer.Builder builder(Path tokenizerJson, int maxLength) {
		return HuggingFaceTokenizer.builder()
			.optTokenizerPath(tokenizerJson)
			.optAddSpecialTokens(true)
			.optPadding(false)
			.optMaxLength(maxLength);
	}

	/** Tokens per pair at most. */
	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * Encodes one pair.
	 * @param query the query, never truncated
	 * @param passage the passage, truncated to fit
	 * @return the unpadded encoding
	 * @throws IllegalArgumentException when the query leaves no room for a passage
	 */
	public Encoding encode(String query, String passage) {
		// DJL's pair encoding aborts the JVM when only-second truncation cannot make
		// room.
		int queryTokens = this.lengthTokenizer.encode(query, false, false).getIds().length;
		if (queryTokens + this.pairOverhead >= this.maxLength) {
			throw new IllegalArgumentException("The query '" + abbreviate(query) + "' has " + queryTokens
					+ " tokens, which leaves no room for a passage within maxLength=" + this.maxLength
					+ "; shorten it or raise maxLength");
		}
		int maxChars = this.maxLength * 32;
		return this.tokenizer.encode(query, (passage.length() > maxChars) ? passage.substring(0, maxChars) : passage);
	}

	/**
	 * Pads encodings into one batch.
	 * @param encodings the pairs
	 * @return the batch, padded to the longest
	 */
	public static PairBatch pad(List<Encoding> encodings) {
		int length = encodings.stream().mapToInt((encoding) -> encoding.getIds().length).max().orElse(0);
		long[][] ids = new long[encodings.size()][length];
		long[][] types = new long[encodings.size()][length];
		long[][] mask = new long[encodings.size()][length];
		for (int i = 0; i < encodings.size(); i++) {
			Encoding encoding = encodings.get(i);
			long[] pairIds = encoding.getIds();
			System.arraycopy(pairIds, 0, ids[i], 0, pairIds.length);
			System.arraycopy(encoding.getTypeIds(), 0, types[i], 0, pairIds.length);
			System.arraycopy(encoding.getAttentionMask(), 0, mask[i], 0, pairIds.length);
		}
		return new PairBatch(ids, types, mask);
	}

	private static String abbreviate(String text) {
		return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
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

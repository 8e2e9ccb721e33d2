package dev.reranker.passage;

import org.springframework.util.Assert;

/**
 * Where each token of a text lies in it: token {@code i} covers the characters
 * {@code [starts[i], ends[i])} of the text, as {@link String} (UTF-16) indexes, in order.
 *
 * @param starts the first character of each token
 * @param ends the character after each token
 */
public record TokenSpans(int[] starts, int[] ends) {

	/** No tokens. */
	public static final TokenSpans EMPTY = new TokenSpans(new int[0], new int[0]);

	public TokenSpans {
		Assert.isTrue(starts.length == ends.length,
				() -> starts.length + " token starts but " + ends.length + " token ends");
	}

	/**
	 * @return the number of tokens
	 */
	public int count() {
		return this.starts.length;
	}

}

package dev.reranker.retrieval.keyword;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the text a keyword query sends to PostgreSQL: at most {@code maxWords}
 * whitespace-separated words and {@code maxBytes} bytes of UTF-8, cut at a word boundary
 * (inside a word only when the first word alone is longer). The rest of the text is
 * ignored. Without a bound, {@code to_tsvector} rejects about 1 MB of distinct words
 * ({@code string is too long for tsvector}), and long texts cost time for lexemes of
 * which only the rarest {@code maxQueryTerms} are used anyway.
 * <p>
 * The first trimmed query is logged at DEBUG, with its sizes and never its text.
 */
final class KeywordQueryBounds {

	private static final Logger logger = LoggerFactory.getLogger(KeywordQueryBounds.class);

	private final int maxWords;

	private final int maxBytes;

	private final String table;

	private final AtomicBoolean logged = new AtomicBoolean();

	KeywordQueryBounds(int maxWords, int maxBytes, String table) {
		this.maxWords = maxWords;
		this.maxBytes = maxBytes;
		this.table = table;
	}

	/**
	 * The leading part of the text within the bounds.
	 * @param text the query text
	 * @return the text itself when it fits
	 */
	String apply(String text) {
		int bytes = 0;
		int words = 0;
		boolean inWord = false;
		int lastBoundary = -1;
		int end = text.length();
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			boolean space = Character.isWhitespace(codePoint);
			if (!space && !inWord) {
				words++;
				if (words > this.maxWords) {
					end = i;
					break;
				}
			}
			if (space && inWord) {
				lastBoundary = i;
			}
			inWord = !space;
			bytes += utf8Length(codePoint);
			if (bytes > this.maxBytes) {
				end = (inWord && lastBoundary > 0) ? lastBoundary : i;
				break;
			}
			i += Character.charCount(codePoint);
		}
		if (end == text.length()) {
			return text;
		}
		String bounded = text.substring(0, end);
		if (this.logged.compareAndSet(false, true) && logger.isDebugEnabled()) {
			logger.debug(
					"Keyword query on {} trimmed from {} to {} characters (at most {} words and {} bytes); later"
							+ " trimmed queries are not logged",
					this.table, text.length(), bounded.length(), this.maxWords, this.maxBytes);
		}
		return bounded;
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

}

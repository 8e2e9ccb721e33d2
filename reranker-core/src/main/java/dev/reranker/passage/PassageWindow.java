package dev.reranker.passage;

import org.springframework.util.Assert;

/**
 * A window of a document's text: the characters {@code [start, end)} of the original
 * text, as {@link String} (UTF-16) indexes.
 *
 * @param start the first character of the window
 * @param end the character after the window
 */
public record PassageWindow(int start, int end) {

	public PassageWindow {
		Assert.isTrue(0 <= start && start <= end, () -> "invalid window [" + start + ", " + end + ")");
	}

	/**
	 * @param text the document's text
	 * @return the window's text
	 */
	public String of(String text) {
		return text.substring(this.start, this.end);
	}

}

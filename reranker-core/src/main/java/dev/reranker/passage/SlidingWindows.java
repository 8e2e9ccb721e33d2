package dev.reranker.passage;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Overlapping windows over a text's tokens: windows of {@code window} tokens whose starts
 * are {@code stride} tokens apart, so that any passage of up to {@code window - stride}
 * tokens lies whole in at least one of them. The last window ends at the last token and
 * is moved back to a full {@code window} tokens (a short tail would be scored with little
 * context). At most {@code maxWindows} windows; tokens past the last of them are not
 * read, as with truncation.
 */
public final class SlidingWindows {

	private SlidingWindows() {
	}

	/**
	 * @param tokens the text's tokens
	 * @param window tokens per window, at least 1
	 * @param stride tokens from one window's start to the next's, in [1, window]
	 * @param maxWindows the most windows, at least 1
	 * @return the windows as character offsets, in text order; one window over all the
	 * tokens when they fit in one, none for a text without tokens
	 */
	public static List<PassageWindow> of(TokenSpans tokens, int window, int stride, int maxWindows) {
		Assert.isTrue(window >= 1, () -> "window must be >= 1 but was " + window);
		Assert.isTrue(stride >= 1 && stride <= window,
				() -> "stride must be between 1 and the window (" + window + ") but was " + stride);
		Assert.isTrue(maxWindows >= 1, () -> "maxWindows must be >= 1 but was " + maxWindows);
		int count = tokens.count();
		List<PassageWindow> windows = new ArrayList<>();
		if (count == 0) {
			return windows;
		}
		for (int first = 0; windows.size() < maxWindows; first += stride) {
			if (first + window >= count) {
				// The tail: a full window ending at the last token.
				int start = Math.max(0, count - window);
				windows.add(span(tokens, start, count));
				break;
			}
			windows.add(span(tokens, first, first + window));
		}
		return windows;
	}

	private static PassageWindow span(TokenSpans tokens, int first, int end) {
		return new PassageWindow(tokens.starts()[first], Math.max(tokens.starts()[first], tokens.ends()[end - 1]));
	}

}

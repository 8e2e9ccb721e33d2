package dev.reranker.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * The windows of one listwise pass, RankGPT's way: the first covers the bottom of the
 * list, each next one sits {@code step} positions higher, and the last starts at the top.
 * Windows overlap by {@code windowSize - step} positions, which is how the best passages
 * climb from the bottom to the top in one pass: the best {@code windowSize -
 * step} of a window are in the next one.
 */
final class SlidingWindows {

	private SlidingWindows() {
	}

	/**
	 * The windows for a list, in the order they are ranked.
	 * @param size the number of passages
	 * @param windowSize the most passages in one prompt, at least 1
	 * @param step how far each window moves up, from 1 to {@code windowSize}
	 * @return the windows, bottom first; one window for a list no longer than
	 * {@code windowSize}, none for an empty list
	 */
	static List<Window> plan(int size, int windowSize, int step) {
		List<Window> windows = new ArrayList<>();
		if (size == 0) {
			return windows;
		}
		int end = size;
		int start = Math.max(0, end - windowSize);
		windows.add(new Window(start, end));
		while (start > 0) {
			end -= step;
			start = Math.max(0, start - step);
			windows.add(new Window(start, end));
		}
		return windows;
	}

	/**
	 * Positions {@code start} (inclusive) to {@code end} (exclusive) of the current
	 * order.
	 *
	 * @param start the first position
	 * @param end one past the last position
	 */
	record Window(int start, int end) {

		int size() {
			return this.end - this.start;
		}

	}

}

package dev.reranker.passage;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SlidingWindows} over one-character tokens separated by spaces ("t0 t1 …" with
 * token {@code i} at characters {@code [3i, 3i + 2)}), so windows can be read as token
 * ranges.
 */
class SlidingWindowsTests {

	@Test
	void windowsOverlapByWindowMinusStrideTokens() {
		List<PassageWindow> windows = SlidingWindows.of(tokens(10), 4, 2, 10);

		assertThat(windows).extracting(SlidingWindowsTests::firstToken).containsExactly(0, 2, 4, 6);
		assertThat(windows).extracting(SlidingWindowsTests::tokenCount).containsOnly(4);
	}

	@Test
	void lastWindowEndsAtTheLastTokenAndIsMovedBackToAFullWindow() {
		// 12 tokens, window 4, stride 3: 0-3, 3-6, 6-9, then the tail 8-11, not 9-11.
		List<PassageWindow> windows = SlidingWindows.of(tokens(12), 4, 3, 10);

		assertThat(windows).extracting(SlidingWindowsTests::firstToken).containsExactly(0, 3, 6, 8);
		assertThat(windows.get(windows.size() - 1).end()).isEqualTo(endOf(11));
		assertThat(windows).extracting(SlidingWindowsTests::tokenCount).containsOnly(4);
	}

	@Test
	void textThatFitsInOneWindowIsOneWindowOverAllItsTokens() {
		assertThat(SlidingWindows.of(tokens(3), 4, 2, 10)).containsExactly(new PassageWindow(0, endOf(2)));
		assertThat(SlidingWindows.of(tokens(4), 4, 2, 10)).containsExactly(new PassageWindow(0, endOf(3)));
	}

	@Test
	void atMostMaxWindowsAreMadeAndTokensPastThemAreNotRead() {
		List<PassageWindow> windows = SlidingWindows.of(tokens(100), 4, 2, 3);

		assertThat(windows).extracting(SlidingWindowsTests::firstToken).containsExactly(0, 2, 4);
	}

	@Test
	void everyPassageOfWindowMinusStrideTokensLiesWholeInSomeWindow() {
		int window = 6;
		int stride = 4;
		List<PassageWindow> windows = SlidingWindows.of(tokens(37), window, stride, 100);
		for (int first = 0; first + (window - stride) <= 37; first++) {
			int start = 3 * first;
			int end = endOf(first + window - stride - 1);
			assertThat(windows).as("tokens %d..%d", first, first + window - stride - 1)
				.anySatisfy(w -> assertThat(w.start() <= start && end <= w.end()).isTrue());
		}
	}

	@Test
	void textWithoutTokensHasNoWindows() {
		assertThat(SlidingWindows.of(TokenSpans.EMPTY, 4, 2, 10)).isEmpty();
	}

	@Test
	void strideLargerThanTheWindowIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SlidingWindows.of(tokens(10), 4, 5, 10))
			.withMessageContaining("stride must be between 1 and the window (4) but was 5");
	}

	/** Tokens "t" + digit-free filler of two characters, one space between. */
	static TokenSpans tokens(int count) {
		int[] starts = new int[count];
		int[] ends = new int[count];
		for (int i = 0; i < count; i++) {
			starts[i] = 3 * i;
			ends[i] = 3 * i + 2;
		}
		return new TokenSpans(starts, ends);
	}

	private static int endOf(int token) {
		return 3 * token + 2;
	}

	private static int firstToken(PassageWindow window) {
		return window.start() / 3;
	}

	private static int tokenCount(PassageWindow window) {
		return (window.end() - window.start() + 1) / 3;
	}

}

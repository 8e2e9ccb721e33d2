package dev.reranker.llm;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reranker.llm.SlidingWindows.Window;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SlidingWindows#plan}: bottom to top, overlapping, the last one at the top.
 */
class SlidingWindowsTests {

	@Test
	void aHundredInWindowsOfTwentyTenApartIsNineWindows() {
		List<Window> windows = SlidingWindows.plan(100, 20, 10);

		assertThat(windows).hasSize(9);
		assertThat(windows.get(0)).isEqualTo(new Window(80, 100));
		assertThat(windows.get(1)).isEqualTo(new Window(70, 90));
		assertThat(windows.get(8)).isEqualTo(new Window(0, 20));
	}

	@Test
	void aListThatFitsIsOneWindow() {
		assertThat(SlidingWindows.plan(20, 20, 10)).containsExactly(new Window(0, 20));
		assertThat(SlidingWindows.plan(3, 20, 10)).containsExactly(new Window(0, 3));
		assertThat(SlidingWindows.plan(0, 20, 10)).isEmpty();
	}

	@Test
	void theLastWindowIsCutAtTheTopRatherThanLeavingTheTopOut() {
		assertThat(SlidingWindows.plan(25, 20, 10)).containsExactly(new Window(5, 25), new Window(0, 15));
	}

	@Test
	void everyPlanCoversTheListWithOverlappingWindowsEndingAtTheTop() {
		for (int size = 1; size <= 60; size++) {
			for (int windowSize = 2; windowSize <= 25; windowSize++) {
				for (int step = 1; step <= windowSize; step++) {
					List<Window> windows = SlidingWindows.plan(size, windowSize, step);
					assertThat(windows.get(0).end()).isEqualTo(size);
					assertThat(windows.get(windows.size() - 1).start()).isZero();
					for (int i = 0; i < windows.size(); i++) {
						Window window = windows.get(i);
						assertThat(window.size()).isBetween(1, windowSize);
						if (i > 0) {
							Window below = windows.get(i - 1);
							assertThat(window.end()).as("no gap above window %s", below)
								.isGreaterThanOrEqualTo(below.start());
							assertThat(below.start() - window.start()).isLessThanOrEqualTo(step);
						}
					}
				}
			}
		}
	}

}

package dev.reranker.passage;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EstimatedTokenWindowing}: JTokkit's tokens laid back over the text, exactly, for
 * ASCII, accented, CJK and astral (emoji) text; room from the model's limit.
 */
class EstimatedTokenWindowingTests {

	private static final EstimatedTokenWindowing WINDOWING = EstimatedTokenWindowing.of(512);

	@Test
	void tokensCoverTheTextInOrderAndAsManyAsJtokkitCounts() {
		String text = "The quick brown fox jumps over the lazy dog.";

		TokenSpans spans = WINDOWING.tokenize(List.of(text), 1000).get(0);

		assertThat(spans.count()).isEqualTo(new JTokkitTokenCountEstimator().estimate(text));
		assertContiguous(text, spans);
	}

	@Test
	void multiByteCharactersSplitAcrossTokensStayWholeInEveryWindow() {
		String text = "Café naïve – 東京都の天気は晴れです。 Emoji 😀🎉 and ünïcödé again 東京.";

		TokenSpans spans = WINDOWING.tokenize(List.of(text), 1000).get(0);

		assertContiguous(text, spans);
		for (PassageWindow window : SlidingWindows.of(spans, 3, 2, 100)) {
			String passage = window.of(text);
			// No window starts or ends inside a surrogate pair.
			assertThat(Character.isLowSurrogate(text.charAt(window.start()))).isFalse();
			assertThat(window.end() == text.length() || !Character.isLowSurrogate(text.charAt(window.end()))).isTrue();
			assertThat(passage).isNotEmpty();
		}
	}

	@Test
	void tokenizationStopsAtTheLimit() {
		String text = "word ".repeat(5000);

		TokenSpans spans = WINDOWING.tokenize(List.of(text), 100).get(0);

		assertThat(spans.count()).isEqualTo(100);
	}

	@Test
	void roomIsTheLimitLessTheQueryAndAMargin() {
		int queryTokens = new JTokkitTokenCountEstimator().estimate("how much does the pro plan cost");

		assertThat(WINDOWING.room("how much does the pro plan cost"))
			.isEqualTo(512 - EstimatedTokenWindowing.PAIR_MARGIN - queryTokens);
		assertThat(WINDOWING.maxRoom()).isEqualTo(512 - EstimatedTokenWindowing.PAIR_MARGIN - 1);
		assertThat(EstimatedTokenWindowing.ofDocumentsAlone(512).room("any query at all")).isEqualTo(512);
	}

	@Test
	void limitsComeFromTheModelThenTheProvider() {
		assertThat(EstimatedTokenWindowing.forModel("cohere", "rerank-v3.5").getMaxTokens()).isEqualTo(4096);
		assertThat(EstimatedTokenWindowing.forModel("voyage", "rerank-2.5").getMaxTokens()).isEqualTo(32000);
		assertThat(EstimatedTokenWindowing.forModel("voyage", "rerank-2-lite").getMaxTokens()).isEqualTo(8000);
		assertThat(EstimatedTokenWindowing.forModel("jina", "some-vllm-model").getMaxTokens()).isEqualTo(1024);
		assertThat(EstimatedTokenWindowing.forModel("tei", null).getMaxTokens())
			.isEqualTo(EstimatedTokenWindowing.DEFAULT_MAX_TOKENS);
	}

	/** Every character of the text belongs to a token; tokens follow each other. */
	private static void assertContiguous(String text, TokenSpans spans) {
		assertThat(spans.starts()[0]).isZero();
		assertThat(spans.ends()[spans.count() - 1]).isEqualTo(text.length());
		for (int i = 0; i < spans.count(); i++) {
			assertThat(spans.starts()[i]).isLessThanOrEqualTo(spans.ends()[i]);
			if (i > 0) {
				// Equal, or one code point back when a character's bytes span two tokens.
				assertThat(spans.starts()[i]).isBetween(spans.ends()[i - 1] - 2, spans.ends()[i - 1]);
			}
		}
	}

}

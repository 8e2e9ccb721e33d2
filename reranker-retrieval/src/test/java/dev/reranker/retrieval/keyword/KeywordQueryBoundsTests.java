package dev.reranker.retrieval.keyword;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordQueryBoundsTests {

	@Test
	void aTextWithinTheBoundsIsReturnedAsIs() {
		String text = "  which  valve fits\tthe pump ";
		assertThat(new KeywordQueryBounds(5, 100, "t").apply(text)).isSameAs(text);
	}

	@Test
	void wordsBeyondTheWordLimitAreCut() {
		assertThat(new KeywordQueryBounds(3, 100, "t").apply("one two  three four five")).isEqualTo("one two  three ");
	}

	@Test
	void theByteLimitCutsAtTheLastWholeWord() {
		// "één" is 5 bytes in UTF-8: "één twee" is 10 bytes, one more word does not fit.
		assertThat(new KeywordQueryBounds(100, 12, "t").apply("één twee drie")).isEqualTo("één twee");
	}

	@Test
	void aFirstWordLongerThanTheByteLimitIsCutInside() {
		assertThat(new KeywordQueryBounds(100, 4, "t").apply("abcdefgh ij")).isEqualTo("abcd");
		// Never inside a code point: the emoji takes 4 bytes.
		assertThat(new KeywordQueryBounds(100, 5, "t").apply("ab\uD83D\uDE00cd")).isEqualTo("ab");
	}

}

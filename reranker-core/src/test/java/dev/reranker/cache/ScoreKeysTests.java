package dev.reranker.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreKeysTests {

	@Test
	void keysAreStableHexDigestsThatDependOnEveryField() {
		String key = ScoreKeys.of("cohere", "rerank-v3.5", "", "query").keyFor("document");

		assertThat(key).hasSize(64).matches("[0-9a-f]+");
		assertThat(ScoreKeys.of("cohere", "rerank-v3.5", "", "query").keyFor("document")).isEqualTo(key);
		assertThat(ScoreKeys.of("jina", "rerank-v3.5", "", "query").keyFor("document")).isNotEqualTo(key);
		assertThat(ScoreKeys.of("cohere", "rerank-v3.0", "", "query").keyFor("document")).isNotEqualTo(key);
		assertThat(ScoreKeys.of("cohere", null, "", "query").keyFor("document")).isNotEqualTo(key);
		assertThat(ScoreKeys.of("cohere", "rerank-v3.5", "revision=2", "query").keyFor("document")).isNotEqualTo(key);
		assertThat(ScoreKeys.of("cohere", "rerank-v3.5", "", "query ").keyFor("document")).isNotEqualTo(key);
		assertThat(ScoreKeys.of("cohere", "rerank-v3.5", "", "query").keyFor("document ")).isNotEqualTo(key);
	}

	@Test
	void fieldBoundariesCannotBeShifted() {
		assertThat(ScoreKeys.of("p", "m", "", "ab").keyFor("c"))
			.isNotEqualTo(ScoreKeys.of("p", "m", "", "a").keyFor("bc"));
	}

}

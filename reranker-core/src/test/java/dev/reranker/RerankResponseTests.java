package dev.reranker;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RerankResponseTests {

	@Test
	void resultsAreOrderedByIndexWhateverOrderTheyArrive() {
		RerankResponse response = new RerankResponse(
				List.of(new RerankResult(2, 0.1), new RerankResult(0, 0.9), new RerankResult(1, 0.5)));

		assertThat(response.getResults()).extracting(RerankResult::index).containsExactly(0, 1, 2);
		assertThat(response.scoresByIndex(3)).containsExactly(0.9, 0.5, 0.1);
		assertThat(response.getResult()).isEqualTo(new RerankResult(0, 0.9));
	}

	@Test
	void outOfRangeIndexIsRejected() {
		RerankResponse response = new RerankResponse(List.of(new RerankResult(0, 0.1), new RerankResult(2, 0.2)));

		assertThatIllegalStateException().isThrownBy(() -> response.scoresByIndex(2))
			.withMessage("result index 2 is out of range for 2 documents");
	}

	@Test
	void duplicateIndexIsRejected() {
		RerankResponse response = new RerankResponse(List.of(new RerankResult(0, 0.1), new RerankResult(0, 0.2)));

		assertThatIllegalStateException().isThrownBy(() -> response.scoresByIndex(2))
			.withMessage("result index 0 appears more than once");
	}

	@Test
	void notANumberScoreIsRejected() {
		RerankResponse response = new RerankResponse(List.of(new RerankResult(0, Double.NaN)));

		assertThatIllegalStateException().isThrownBy(() -> response.scoresByIndex(1)).withMessageContaining("NaN");
	}

	@Test
	void scoreConvenienceReturnsScoresInInputOrder() {
		assertThat(new TermOverlapRerankModel().score("red apple", List.of("green pear", "red apple", "red car")))
			.containsExactly(0.0, 1.0, 0.5);
	}

	@Test
	void optionsMergeLetsSetOverridesWin() {
		RerankOptions defaults = RerankOptions.builder().model("base").topN(5).build();

		assertThat(defaults.merge(RerankOptions.builder().topN(2).build()))
			.isEqualTo(RerankOptions.builder().model("base").topN(2).build());
		assertThat(defaults.merge(null)).isSameAs(defaults);
	}

}

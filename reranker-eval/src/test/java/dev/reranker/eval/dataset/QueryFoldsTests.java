package dev.reranker.eval.dataset;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The k-fold split over queries that reranker-train trains on and this tool evaluates on.
 */
class QueryFoldsTests {

	private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f", "g");

	@Test
	void foldsPartitionTheQueriesAndTheSameSeedGivesTheSameFolds() {
		QueryFolds folds = QueryFolds.of(IDS, 3, 5L);
		List<String> all = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			assertThat(folds.heldOut(i)).doesNotContainAnyElementsOf(folds.training(i));
			assertThat(folds.heldOut(i).size() + folds.training(i).size()).isEqualTo(7);
			all.addAll(folds.heldOut(i));
		}
		assertThat(all).containsExactlyInAnyOrderElementsOf(IDS);
		assertThat(QueryFolds.of(IDS, 3, 5L)).isEqualTo(folds);
		assertThat(QueryFolds.of(IDS, 3, 6L)).isNotEqualTo(folds);
	}

	@Test
	void aFoldOutsideTheSplitIsNamedWithTheOptionThatGaveIt() {
		QueryFolds folds = QueryFolds.of(IDS, 3, 5L);
		folds.requireFold(2, "eval.fold");
		assertThatIllegalArgumentException().isThrownBy(() -> folds.requireFold(3, "eval.fold"))
			.withMessage("eval.fold=3 is not a fold of 3; use 0 to 2");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryFolds.of(IDS, 8, 5L))
			.withMessageContaining("k=8 folds need at least 8 queries, there are 7");
	}

}

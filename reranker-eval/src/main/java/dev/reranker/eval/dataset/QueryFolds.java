package dev.reranker.eval.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * K-fold cross-validation over queries: the query ids are shuffled with a seed and dealt
 * into {@code k} folds; fold {@code i} is held out for evaluation and the other folds are
 * trained on. The same ids, k and seed give the same folds. The trainer
 * ({@code --train.folds}) and this tool ({@code eval.folds}) both split with
 * {@link #of(BeirDataset, int, long)}, so a fold trained on is never evaluated on.
 *
 * @param folds the query ids of each fold
 */
public record QueryFolds(List<List<String>> folds) {

	public QueryFolds {
		folds = folds.stream().map(List::copyOf).toList();
	}

	/**
	 * Deals a dataset's judged queries, in file order, into folds.
	 * @param dataset the dataset, read with the qrels and exclusions of the run
	 * @param k the number of folds
	 * @param seed the shuffle's seed
	 * @return the folds
	 */
	public static QueryFolds of(BeirDataset dataset, int k, long seed) {
		return of(dataset.queries().stream().map(EvalQuery::id).toList(), k, seed);
	}

	/**
	 * Deals query ids into folds.
	 * @param queryIds the query ids
	 * @param k the number of folds
	 * @param seed the shuffle's seed
	 * @return the folds
	 */
	public static QueryFolds of(List<String> queryIds, int k, long seed) {
		Assert.isTrue(k >= 2, "k must be at least 2");
		Assert.isTrue(queryIds.size() >= k,
				() -> "k=" + k + " folds need at least " + k + " queries, there are " + queryIds.size());
		List<String> shuffled = new ArrayList<>(queryIds);
		Collections.shuffle(shuffled, new Random(seed));
		List<List<String>> folds = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			folds.add(new ArrayList<>());
		}
		for (int i = 0; i < shuffled.size(); i++) {
			folds.get(i % k).add(shuffled.get(i));
		}
		return new QueryFolds(folds);
	}

	/**
	 * Checks that a fold exists.
	 * @param fold the fold
	 * @param property the option that gave it, named in the error
	 * @throws IllegalArgumentException naming the option and the folds there are
	 */
	public void requireFold(int fold, String property) {
		if (fold < 0 || fold >= this.folds.size()) {
			throw new IllegalArgumentException(property + "=" + fold + " is not a fold of " + this.folds.size()
					+ "; use 0 to " + (this.folds.size() - 1));
		}
	}

	/** The held-out query ids of a fold. */
	public Set<String> heldOut(int fold) {
		return Set.copyOf(this.folds.get(fold));
	}

	/** The query ids trained on when a fold is held out. */
	public Set<String> training(int fold) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < this.folds.size(); i++) {
			if (i != fold) {
				ids.addAll(this.folds.get(i));
			}
		}
		return Set.copyOf(ids);
	}

}

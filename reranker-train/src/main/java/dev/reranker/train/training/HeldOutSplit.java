package dev.reranker.train.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.reranker.train.TrainingExample;

/**
 * Splits examples by query into training and held-out parts, so that no held-out query is
 * trained on; the same seed gives the same split.
 *
 * @param training the examples trained on
 * @param heldOut the examples early stopping watches
 */
record HeldOutSplit(List<TrainingExample> training, List<TrainingExample> heldOut) {

	static HeldOutSplit of(List<TrainingExample> examples, float fraction, long seed) {
		if (fraction == 0) {
			return new HeldOutSplit(examples, List.of());
		}
		List<String> queries = new ArrayList<>(
				new LinkedHashSet<>(examples.stream().map(TrainingExample::query).toList()));
		Collections.shuffle(queries, new Random(seed));
		int heldOutCount = Math.max(1, Math.round(fraction * queries.size()));
		if (heldOutCount >= queries.size()) {
			throw new IllegalArgumentException("heldOutFraction=" + fraction + " holds out all " + queries.size()
					+ " distinct queries; lower it or give examples for more queries");
		}
		Set<String> heldOutQueries = Set.copyOf(queries.subList(0, heldOutCount));
		List<TrainingExample> training = new ArrayList<>();
		List<TrainingExample> heldOut = new ArrayList<>();
		for (TrainingExample example : examples) {
			(heldOutQueries.contains(example.query()) ? heldOut : training).add(example);
		}
		return new HeldOutSplit(training, heldOut);
	}

}

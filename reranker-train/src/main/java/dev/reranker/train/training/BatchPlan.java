package dev.reranker.train.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import dev.reranker.train.training.EncodedExamples.PairRef;

/**
 * Splits an epoch into length-bucketed batches: the units (a pair for BCE, a group of one
 * positive and k negatives for the listwise loss) are shuffled, sorted by length within
 * buckets of {@value #BUCKET_BATCHES} batches so that a batch pads little, and the
 * batches shuffled again. The same seed and epoch give the same batches, which is what
 * lets a run resume mid-epoch.
 */
final class BatchPlan {

	/** Batches per length bucket. */
	static final int BUCKET_BATCHES = 16;

	private final EncodedExamples examples;

	private final TrainingLoss loss;

	private final int batchSize;

	private final int negativesPerGroup;

	private final long seed;

	BatchPlan(EncodedExamples examples, TrainingLoss loss, int batchSize, int negativesPerGroup, long seed) {
		this.examples = examples;
		this.loss = loss;
		this.batchSize = batchSize;
		this.negativesPerGroup = negativesPerGroup;
		this.seed = seed;
	}

	EncodedExamples examples() {
		return this.examples;
	}

	/** Pairs per group: 1 for BCE, 1 + k for the listwise loss. */
	int groupSize() {
		return (this.loss == TrainingLoss.LISTWISE) ? 1 + this.negativesPerGroup : 1;
	}

	/** Batches per epoch. */
	int batchesPerEpoch() {
		return (units(0).size() + this.batchSize - 1) / this.batchSize;
	}

	/**
	 * The batches of an epoch, each a list of pairs (groups contiguous, positive first).
	 * @param epoch the epoch, from 0
	 * @param shuffle whether to shuffle (off for held-out evaluation)
	 * @return the batches
	 */
	List<List<PairRef>> epoch(int epoch, boolean shuffle) {
		Random random = new Random(this.seed * 1_000_003L + epoch);
		List<List<PairRef>> units = units(epoch);
		if (shuffle) {
			Collections.shuffle(units, random);
		}
		List<List<PairRef>> batches = new ArrayList<>();
		int bucket = this.batchSize * BUCKET_BATCHES;
		for (int start = 0; start < units.size(); start += bucket) {
			List<List<PairRef>> chunk = new ArrayList<>(units.subList(start, Math.min(units.size(), start + bucket)));
			chunk.sort(Comparator.comparingInt(this::unitLength));
			for (int from = 0; from < chunk.size(); from += this.batchSize) {
				List<PairRef> batch = new ArrayList<>();
				chunk.subList(from, Math.min(chunk.size(), from + this.batchSize)).forEach(batch::addAll);
				batches.add(batch);
			}
		}
		if (shuffle) {
			Collections.shuffle(batches, random);
		}
		return batches;
	}

	private List<List<PairRef>> units(int epoch) {
		List<List<PairRef>> units = new ArrayList<>();
		Random sampler = new Random(this.seed * 7_919L + epoch);
		for (int example = 0; example < this.examples.size(); example++) {
			if (this.loss == TrainingLoss.BCE) {
				units.add(List.of(new PairRef(example, -1)));
				for (int negative = 0; negative < this.examples.negatives(example); negative++) {
					units.add(List.of(new PairRef(example, negative)));
				}
			}
			else {
				List<Integer> negatives = new ArrayList<>();
				for (int negative = 0; negative < this.examples.negatives(example); negative++) {
					negatives.add(negative);
				}
				Collections.shuffle(negatives, sampler);
				List<PairRef> group = new ArrayList<>();
				group.add(new PairRef(example, -1));
				for (int i = 0; i < this.negativesPerGroup; i++) {
					group.add(new PairRef(example, negatives.get(i)));
				}
				units.add(group);
			}
		}
		return units;
	}

	private int unitLength(List<PairRef> unit) {
		return unit.stream().mapToInt(this.examples::length).max().orElse(0);
	}

}

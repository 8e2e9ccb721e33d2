package dev.reranker;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Where to cut a ranked list by the shape of its scores rather than a fixed threshold:
 * raw scores do not transfer between providers (one provider's best scores span 0.03 to
 * 0.98), ratios and gaps do. Applied by {@link RankingPolicy} after sorting and
 * {@code minScore}, within {@code topN}; {@code minResults} still holds.
 */
public sealed interface Cutoff {

	/** No cut beyond {@code topN} and {@code minScore}. */
	Cutoff NONE = new None();

	/**
	 * Keeps documents that score at least {@code ratio} times the best score.
	 * @param ratio in (0, 1]
	 * @return the cutoff
	 */
	static Cutoff relative(double ratio) {
		return new Relative(ratio);
	}

	/**
	 * Cuts at the largest drop between consecutive scores (the first such drop when
	 * several are equal), keeping the documents above it.
	 * @return the cutoff
	 */
	static Cutoff gap() {
		return new Gap();
	}

	/**
	 * @param scores scores sorted best first, within top-n
	 * @return how many of them to keep (all of an empty or one-element list)
	 */
	int keep(List<Double> scores);

	/** See {@link #NONE}. */
	record None() implements Cutoff {

		@Override
		public int keep(List<Double> scores) {
			return scores.size();
		}

	}

	/**
	 * See {@link #relative(double)}.
	 *
	 * @param ratio the share of the best score a document needs
	 */
	record Relative(double ratio) implements Cutoff {

		public Relative {
			Assert.isTrue(ratio > 0 && ratio <= 1,
					() -> "ratio must be in (0, 1] but was " + ratio + " (Cutoff#relative)");
		}

		@Override
		public int keep(List<Double> scores) {
			if (scores.isEmpty()) {
				return 0;
			}
			double floor = scores.get(0) * this.ratio;
			int kept = 1;
			while (kept < scores.size() && scores.get(kept) >= floor) {
				kept++;
			}
			return kept;
		}

	}

	/** See {@link #gap()}. */
	record Gap() implements Cutoff {

		@Override
		public int keep(List<Double> scores) {
			int kept = scores.size();
			double largest = 0;
			for (int i = 1; i < scores.size(); i++) {
				double drop = scores.get(i - 1) - scores.get(i);
				if (drop > largest) {
					largest = drop;
					kept = i;
				}
			}
			return kept;
		}

	}

}

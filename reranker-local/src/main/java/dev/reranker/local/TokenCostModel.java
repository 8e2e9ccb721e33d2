package dev.reranker.local;

import java.time.Duration;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * Predicts how long the local cross-encoder takes for a set of pairs from their token
 * counts, for the latency budget. A pair of {@code L} tokens costs {@code L + L² / 2304}
 * work units: the projections and feed-forward layers grow with {@code L}, attention with
 * {@code L²}, and for a hidden size of 384 (MiniLM) attention's share is {@code L/2304}
 * of the rest ({@code 4L²d} against {@code 24Ld²} multiply-adds, {@code 6d = 2304}). The
 * time per unit is measured when the model warms up and then follows every call (an
 * exponentially weighted average of the observed time per unit, tokenization, queueing
 * and parallel sessions included), so predictions track a slower or busier machine.
 * Thread-safe.
 */
final class TokenCostModel {

	/** {@code 6 × hidden size} of MiniLM: where attention costs as much as the rest. */
	static final double ATTENTION_TOKENS = 2304;

	/** Weight of the newest observation. */
	static final double SMOOTHING = 0.3;

	private volatile double nanosPerUnit;

	/**
	 * @param nanosPerUnit the initial time per work unit, in nanoseconds
	 */
	TokenCostModel(double nanosPerUnit) {
		this.nanosPerUnit = nanosPerUnit;
	}

	static double units(int tokens) {
		return tokens + (double) tokens * tokens / ATTENTION_TOKENS;
	}

	static double units(Encoding[] encodings) {
		double units = 0;
		for (Encoding encoding : encodings) {
			units += units(encoding.getIds().length);
		}
		return units;
	}

	/**
	 * Learns from a finished call.
	 * @param units the call's work units
	 * @param nanos the call's duration
	 */
	void observe(double units, long nanos) {
		if (units <= 0 || nanos <= 0) {
			return;
		}
		double observed = nanos / units;
		// a lost update between two racing calls only drops one observation
		this.nanosPerUnit = (1 - SMOOTHING) * this.nanosPerUnit + SMOOTHING * observed;
	}

	double nanosPerUnit() {
		return this.nanosPerUnit;
	}

	/**
	 * How many of the first pairs fit the budget.
	 * @param lengths the pairs' token counts, in order
	 * @param budget the time available
	 * @return the count, at least one when there are pairs
	 */
	int affordable(int[] lengths, Duration budget) {
		double available = budget.toNanos() / this.nanosPerUnit;
		double units = 0;
		int count = 0;
		while (count < lengths.length) {
			units += units(lengths[count]);
			if (units > available) {
				break;
			}
			count++;
		}
		return Math.max(Math.min(1, lengths.length), count);
	}

}

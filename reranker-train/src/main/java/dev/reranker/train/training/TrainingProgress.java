package dev.reranker.train.training;

import java.time.Duration;

/**
 * Where a run is after an update.
 *
 * @param step updates done
 * @param totalSteps updates the run will do (unless it stops early)
 * @param epoch the current epoch, from 0
 * @param loss this update's training loss
 * @param learningRate this update's learning rate
 * @param pairs pairs trained on so far in this process
 * @param elapsed time spent training in this process
 */
public record TrainingProgress(int step, int totalSteps, int epoch, double loss, float learningRate, long pairs,
		Duration elapsed) {

	/** Pairs per second in this process. */
	public double pairsPerSecond() {
		double seconds = this.elapsed.toNanos() / 1e9;
		return (seconds > 0) ? this.pairs / seconds : 0;
	}

	/** Estimated time left at the current rate of updates. */
	public Duration eta() {
		return Duration.ofNanos((long) ((double) this.elapsed.toNanos() / Math.max(1, this.step)
				* Math.max(0, this.totalSteps - this.step)));
	}

}

package dev.reranker.train.training;

import org.springframework.util.Assert;

/**
 * Linear warm-up from 0 to the peak rate over {@code warmupSteps}, then linear decay to 0
 * at {@code totalSteps}.
 *
 * @param peak the rate at the end of the warm-up
 * @param warmupSteps steps of warm-up
 * @param totalSteps steps of the whole run
 */
public record LearningRateSchedule(float peak, int warmupSteps, int totalSteps) {

	public LearningRateSchedule {
		Assert.isTrue(peak > 0, "the learning rate must be positive");
		Assert.isTrue(warmupSteps >= 0 && totalSteps > 0 && warmupSteps <= totalSteps,
				"warm-up steps must be between 0 and the total steps");
	}

	/**
	 * The rate of an update.
	 * @param step the update's number, from 1
	 * @return the rate
	 */
	public float rate(int step) {
		if (step <= this.warmupSteps) {
			return this.peak * step / Math.max(1, this.warmupSteps);
		}
		int decaySteps = Math.max(1, this.totalSteps - this.warmupSteps);
		return this.peak * Math.max(0f, (float) (this.totalSteps - step) / decaySteps);
	}

}

package dev.reranker.train.training;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.reranker.train.checkpoint.Checkpoint;
import dev.reranker.train.checkpoint.Tensor;

/**
 * What a run produced.
 *
 * @param start the start checkpoint (its graph is what the export writes weights into)
 * @param weights the trained weights by parameter name, the head's included: the best
 * held-out ones when a slice was held out, the last ones otherwise
 * @param steps updates done, counting those before a resume
 * @param losses the training loss of each update this process did
 * @param evaluations the held-out evaluations
 * @param stoppedEarly whether the held-out loss stopped the run before its last step
 * @param pairs pairs trained on in this process
 * @param elapsed time spent training in this process
 * @param skippedUpdates updates of this process dropped because their gradients were not
 * finite
 */
public record TrainingResult(Checkpoint start, Map<String, Tensor> weights, int steps, List<Double> losses,
		List<Evaluation> evaluations, boolean stoppedEarly, long pairs, Duration elapsed, int skippedUpdates) {

	public TrainingResult {
		weights = Map.copyOf(weights);
		losses = List.copyOf(losses);
		evaluations = List.copyOf(evaluations);
	}

	/** Pairs per second in this process. */
	public double pairsPerSecond() {
		double seconds = this.elapsed.toNanos() / 1e9;
		return (seconds > 0) ? this.pairs / seconds : 0;
	}

}

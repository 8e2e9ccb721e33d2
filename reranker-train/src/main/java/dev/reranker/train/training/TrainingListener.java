package dev.reranker.train.training;

import java.nio.file.Path;

/** Hears how a run goes; every method does nothing by default. */
public interface TrainingListener {

	/** A listener that ignores everything. */
	TrainingListener NONE = new TrainingListener() {
	};

	/** After each update. */
	default void onStep(TrainingProgress progress) {
	}

	/**
	 * After each held-out evaluation.
	 * @param step updates done
	 * @param heldOutLoss the mean loss over the held-out slice
	 * @param improved whether it is the best so far
	 */
	default void onEvaluation(int step, double heldOutLoss, boolean improved) {
	}

	/** After a checkpoint is written. */
	default void onCheckpoint(int step, Path directory) {
	}

}

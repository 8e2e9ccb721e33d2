package dev.reranker.train.training;

/**
 * A held-out evaluation.
 *
 * @param step updates done when it ran
 * @param loss the mean loss over the held-out slice
 */
public record Evaluation(int step, double loss) {
}

package dev.reranker.eval.firststage;

/**
 * One part of setting up a first stage, timed on its own so that shared work (embedding
 * the corpus) is not charged to whichever stage happened to run first.
 *
 * @param description what was done, e.g. {@code embedded 1400 documents}
 * @param seconds wall-clock time it took
 * @param embedding whether it was corpus embedding (reported apart from indexing)
 */
public record SetupStep(String description, double seconds, boolean embedding) {

	/**
	 * @param description what was done
	 * @param startNanos {@link System#nanoTime()} when it began
	 * @param embedding whether it was corpus embedding
	 * @return the step, timed until now
	 */
	public static SetupStep since(String description, long startNanos, boolean embedding) {
		return new SetupStep(description, (System.nanoTime() - startNanos) / 1e9, embedding);
	}

}

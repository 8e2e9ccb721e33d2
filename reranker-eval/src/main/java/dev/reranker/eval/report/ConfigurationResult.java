package dev.reranker.eval.report;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.metrics.QualityMetrics;

/**
 * The figures of one evaluated configuration: a first stage alone, or a first stage whose
 * top {@code depth} candidates a rerank provider reordered.
 *
 * @param firstStage the first stage's name
 * @param provider the rerank provider, or {@code null} for the first stage alone
 * @param depth how many first-stage candidates were reranked, or {@code null}
 * @param quality mean quality over the evaluated queries
 * @param retrieval first-stage latency
 * @param rerank rerank latency (the post-processor call, model included), or {@code null}
 * @param total retrieval plus rerank, per query
 * @param queriesPerSecond queries per second, one query at a time (1000 / mean total)
 * @param pairsPerSecond query-document pairs scored per second by the rerank stage, or
 * {@code null}
 */
public record ConfigurationResult(String firstStage, @Nullable String provider, @Nullable Integer depth,
		QualityMetrics quality, Latency retrieval, @Nullable Latency rerank, Latency total, double queriesPerSecond,
		@Nullable Double pairsPerSecond) {

	/** A label such as {@code dense}, or {@code dense + local @ 20}. */
	public String label() {
		return (this.provider == null) ? this.firstStage : this.firstStage + " + " + this.provider + " @ " + this.depth;
	}

}

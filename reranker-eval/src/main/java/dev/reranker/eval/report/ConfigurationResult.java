package dev.reranker.eval.report;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.metrics.QualityMetrics;

/**
 * The figures of one evaluated configuration: a first stage alone, or a first stage whose
 * top {@code depth} candidates a rerank provider reordered.
 *
 * @param tag the configuration's short name, without spaces: the TREC run tag and the run
 * file's name, e.g. {@code dense+embedding@10}
 * @param firstStage the first stage's name
 * @param firstStageLabel the first stage's name with its model and settings
 * @param provider the rerank provider with its model, or {@code null} for the first stage
 * alone
 * @param depth how many first-stage candidates were reranked, or {@code null}
 * @param queries queries the figures are averaged over (the sample's size)
 * @param quality mean quality over the evaluated queries
 * @param retrieval first-stage latency
 * @param rerank rerank latency (the post-processor call, model included), or {@code null}
 * @param total retrieval plus rerank, per query
 * @param queriesPerSecond queries per second, one query at a time (1000 / mean total)
 * @param pairsPerSecond query-document pairs scored per second by the rerank stage, or
 * {@code null}
 */
public record ConfigurationResult(String tag, String firstStage, String firstStageLabel, @Nullable String provider,
		@Nullable Integer depth, int queries, QualityMetrics quality, Latency retrieval, @Nullable Latency rerank,
		Latency total, double queriesPerSecond, @Nullable Double pairsPerSecond) {

	/**
	 * A label such as {@code dense (all-minilm-l6-v2, …)}, or
	 * {@code dense (…) + embedding (bge-small-en-v1.5, …) @ 20}.
	 * @return the label
	 */
	public String label() {
		return (this.provider == null) ? this.firstStageLabel
				: this.firstStageLabel + " + " + this.provider + " @ " + this.depth;
	}

}

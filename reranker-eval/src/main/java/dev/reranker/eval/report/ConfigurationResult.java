package dev.reranker.eval.report;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.answers.AnswerQuality;
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
 * @param answers answer quality over the queries with a reference answer, or {@code null}
 * when answers were not evaluated
 */
public record ConfigurationResult(String tag, String firstStage, String firstStageLabel, @Nullable String provider,
		@Nullable Integer depth, int queries, QualityMetrics quality, Latency retrieval, @Nullable Latency rerank,
		Latency total, double queriesPerSecond, @Nullable Double pairsPerSecond, @Nullable AnswerQuality answers) {

	/**
	 * A result without answer quality.
	 * @param tag the run tag
	 * @param firstStage the first stage's name
	 * @param firstStageLabel the first stage's label
	 * @param provider the provider's label, or {@code null}
	 * @param depth the rerank depth, or {@code null}
	 * @param queries queries evaluated
	 * @param quality mean quality
	 * @param retrieval first-stage latency
	 * @param rerank rerank latency, or {@code null}
	 * @param total total latency
	 * @param queriesPerSecond queries per second
	 * @param pairsPerSecond pairs per second, or {@code null}
	 */
	public ConfigurationResult(String tag, String firstStage, String firstStageLabel, @Nullable String provider,
			@Nullable Integer depth, int queries, QualityMetrics quality, Latency retrieval, @Nullable Latency rerank,
			Latency total, double queriesPerSecond, @Nullable Double pairsPerSecond) {
		this(tag, firstStage, firstStageLabel, provider, depth, queries, quality, retrieval, rerank, total,
				queriesPerSecond, pairsPerSecond, null);
	}

	/**
	 * @param answers the answer quality
	 * @return this result with it
	 */
	public ConfigurationResult withAnswers(AnswerQuality answers) {
		return new ConfigurationResult(this.tag, this.firstStage, this.firstStageLabel, this.provider, this.depth,
				this.queries, this.quality, this.retrieval, this.rerank, this.total, this.queriesPerSecond,
				this.pairsPerSecond, answers);
	}

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

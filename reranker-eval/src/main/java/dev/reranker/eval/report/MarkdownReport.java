package dev.reranker.eval.report;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.answers.AnswerQuality;
import dev.reranker.eval.dataset.BeirDataset;

/**
 * Renders a report as a Markdown page: a results table (quality, latency, throughput per
 * configuration) and how the run was made.
 */
public final class MarkdownReport {

	/** Marks a difference significant at the report's level. */
	static final String SIGNIFICANT = "†";

	/** The ranking metric whose gain the table shows (the comparisons' name for it). */
	private static final String PRIMARY_METRIC = "nDCG@10";

	/** The answer metric whose gain the table shows. */
	private static final String PRIMARY_ANSWER_METRIC = "Answer F1";

	private MarkdownReport() {
	}

	/**
	 * @param report the report
	 * @param chartFile the chart's file name, linked from the page, or {@code null}
	 * @param deltaChartFile the per-query delta chart's file name, or {@code null}
	 * @return the Markdown text
	 */
	public static String render(EvaluationReport report, @Nullable String chartFile, @Nullable String deltaChartFile) {
		StringBuilder out = new StringBuilder();
		EvaluationReport.Dataset dataset = report.dataset();
		BeirDataset.Statistics statistics = dataset.statistics();
		out.append("# Evaluation: ").append(dataset.name()).append("\n\n");
		out.append("- Queries evaluated: ")
			.append(dataset.sample().describe())
			.append("; ")
			.append(statistics.queriesInFile())
			.append(" in queries.jsonl (qrels `")
			.append(dataset.qrels())
			.append("`, ")
			.append(statistics.judgments())
			.append(" judgments)\n");
		out.append("- Documents: ").append(statistics.documents()).append("\n");
		if (dataset.exclude() != null) {
			out.append("- Excluded from candidate lists: ")
				.append(statistics.exclusions())
				.append(" query-document pairs (`")
				.append(dataset.exclude())
				.append("`)\n");
		}
		if (statistics.queriesWithoutRelevant() > 0) {
			out.append("- Queries without any relevant document (score 0): ")
				.append(statistics.queriesWithoutRelevant())
				.append("\n");
		}
		if (statistics.judgedDocumentsNotInCorpus() > 0) {
			out.append("- Judgments naming documents missing from the corpus: ")
				.append(statistics.judgedDocumentsNotInCorpus())
				.append("\n");
		}
		EvaluationReport.Settings settings = report.settings();
		out.append("- Candidates per query: ")
			.append(settings.retrievalDepth())
			.append("; rerank depths: ")
			.append(settings.depths())
			.append("; warm-up queries per pass: ")
			.append(settings.warmupQueries())
			.append("\n");
		EvaluationReport.Environment environment = report.environment();
		out.append("- Machine: ")
			.append(environment.availableProcessors())
			.append(" processors, ")
			.append(environment.osName())
			.append(' ')
			.append(environment.osArch())
			.append(", Java ")
			.append(environment.javaVersion())
			.append("; finished ")
			.append(environment.finishedAt())
			.append("\n");
		EvaluationReport.Significance significance = settings.significance();
		out.append(String.format(Locale.ROOT,
				"- Significance: paired randomization test (%,d sign flips, two-sided), bootstrap 95%% CI (%,d"
						+ " resamples), seed %d; %s marks a difference with p < %s\n",
				significance.permutations(), significance.bootstrapSamples(), significance.seed(), SIGNIFICANT,
				significance.alpha()));
		out.append("- Command: `").append(settings.command()).append("`\n");

		EvaluationReport.Answers answers = report.answers();
		if (answers != null) {
			out.append(String.format(Locale.ROOT,
					"- Answers: %d of the evaluated queries have a reference answer (`%s`); each configuration's top %d"
							+ " documents went to %s%s; %d chat model calls\n",
					answers.answeredQueries(), answers.references(), answers.topK(), answers.chatModel(),
					answers.judge() ? ", which also judged every answer (0–10, shown / 10)" : "", answers.chatCalls()));
		}
		out.append("\n");
		boolean judged = answers != null && answers.judge();
		out.append("| Configuration | Run tag | Queries | nDCG@10 | Δ nDCG@10 vs first stage (p) | ");
		if (answers != null) {
			out.append("nDCG@10 on answered | Answer F1 (queries) | Δ F1 vs first stage (p) | Answer EM | ");
			if (judged) {
				out.append("Judge | ");
			}
		}
		out.append("MRR@10 | R@5 | R@10 | R@50 | R@100 | Retrieval p50 / p95 / p99 ms | Rerank p50 / p95 / p99 ms"
				+ " | Total p50 / p95 / p99 ms | Queries/s | Pairs/s |\n");
		out.append("|---|---|---:|---:|---:|");
		if (answers != null) {
			out.append(judged ? "---:|---:|---:|---:|---:|" : "---:|---:|---:|---:|");
		}
		out.append("---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (ConfigurationResult result : report.results()) {
			out.append("| ").append(result.label());
			out.append(" | `").append(result.tag()).append('`');
			out.append(" | ").append(result.queries());
			out.append(" | ").append(number(result.quality().ndcg10()));
			out.append(" | ").append(gain(report, result, PRIMARY_METRIC));
			if (answers != null) {
				AnswerQuality quality = result.answers();
				out.append(" | ").append((quality != null) ? number(quality.ndcg10()) : "–");
				out.append(" | ")
					.append((quality != null) ? number(quality.f1()) + " (" + quality.queries() + ")" : "–");
				out.append(" | ").append(gain(report, result, PRIMARY_ANSWER_METRIC));
				out.append(" | ").append((quality != null) ? number(quality.exactMatch()) : "–");
				if (judged) {
					Double judge = (quality != null) ? quality.judge() : null;
					out.append(" | ").append((judge != null) ? number(judge) : "–");
				}
			}
			out.append(" | ").append(number(result.quality().mrr10()));
			out.append(" | ").append(number(result.quality().recall5()));
			out.append(" | ").append(number(result.quality().recall10()));
			out.append(" | ").append(number(result.quality().recall50()));
			out.append(" | ").append(number(result.quality().recall100()));
			out.append(" | ").append(latency(result.retrieval()));
			out.append(" | ").append((result.rerank() != null) ? latency(result.rerank()) : "–");
			out.append(" | ").append(latency(result.total()));
			out.append(" | ").append(String.format(Locale.ROOT, "%.1f", result.queriesPerSecond()));
			out.append(" | ")
				.append((result.pairsPerSecond() != null) ? String.format(Locale.ROOT, "%.0f", result.pairsPerSecond())
						: "–");
			out.append(" |\n");
		}
		out.append("\n");
		comparisons(out, report);
		setup(out, report);
		for (String note : report.notes()) {
			out.append("> ").append(note).append("\n\n");
		}
		if (chartFile != null) {
			out.append("![Quality and latency versus rerank depth](").append(chartFile).append(")\n");
		}
		if (deltaChartFile != null) {
			out.append("\n![Per-query nDCG@10 change of the best reranked configuration](")
				.append(deltaChartFile)
				.append(")\n");
		}
		return out.toString();
	}

	/** The gain over the configuration's own first stage, marked when significant. */
	private static String gain(EvaluationReport report, ConfigurationResult result, String metric) {
		if (result.provider() == null) {
			return "–";
		}
		return report.results()
			.stream()
			.filter(other -> other.provider() == null && other.firstStage().equals(result.firstStage()))
			.findFirst()
			.flatMap(baseline -> report.comparison(baseline.tag(), result.tag(), metric))
			.map(comparison -> String.format(Locale.ROOT, "%+.4f (%s)%s", comparison.meanDifference(),
					pValue(comparison.pValue()), comparison.significant() ? " " + SIGNIFICANT : ""))
			.orElse("–");
	}

	private static void comparisons(StringBuilder out, EvaluationReport report) {
		if (report.comparisons().isEmpty()) {
			return;
		}
		out.append("Paired comparisons (candidate − baseline, same queries; configurations by run tag):\n\n");
		out.append("| Baseline | Candidate | Metric | Queries | Mean difference | 95% CI | p |\n");
		out.append("|---|---|---|---:|---:|---:|---:|\n");
		for (Comparison comparison : report.comparisons()) {
			out.append(String.format(Locale.ROOT, "| `%s` | `%s` | %s | %d | %+.4f%s | [%+.4f, %+.4f] | %s |\n",
					comparison.baseline(), comparison.candidate(), comparison.metric(), comparison.queries(),
					comparison.meanDifference(), comparison.significant() ? " " + SIGNIFICANT : "", comparison.ciLow(),
					comparison.ciHigh(), pValue(comparison.pValue())));
		}
		out.append("\n");
	}

	private static void setup(StringBuilder out, EvaluationReport report) {
		if (report.firstStages().isEmpty()) {
			return;
		}
		out.append("Setup (corpus embedding is timed apart from each stage's own indexing):\n\n");
		out.append("| First stage | Documents | Corpus embedding s | Own setup s | What was done |\n");
		out.append("|---|---:|---:|---:|---|\n");
		for (EvaluationReport.FirstStageIndexing stage : report.firstStages()) {
			out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s |\n", stage.label(), stage.documents(),
					stage.embeddingSeconds(), stage.seconds(), String.join("; ", stage.steps())));
		}
		out.append("\n");
	}

	private static String pValue(double p) {
		return (p < 0.001) ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

	private static String latency(Latency latency) {
		return String.format(Locale.ROOT, "%s / %s / %s", millis(latency.p50()), millis(latency.p95()),
				millis(latency.p99()));
	}

	private static String millis(double value) {
		return String.format(Locale.ROOT, (value < 10) ? "%.2f" : "%.1f", value);
	}

}

package dev.reranker.eval.report;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDataset;

/**
 * Renders a report as a Markdown page: a results table (quality, latency, throughput per
 * configuration) and how the run was made.
 */
public final class MarkdownReport {

	private MarkdownReport() {
	}

	/**
	 * @param report the report
	 * @param chartFile the chart's file name, linked from the page, or {@code null}
	 * @return the Markdown text
	 */
	public static String render(EvaluationReport report, @Nullable String chartFile) {
		StringBuilder out = new StringBuilder();
		EvaluationReport.Dataset dataset = report.dataset();
		BeirDataset.Statistics statistics = dataset.statistics();
		out.append("# Evaluation: ").append(dataset.name()).append("\n\n");
		out.append("- Queries evaluated: ")
			.append(dataset.evaluatedQueries())
			.append(" of ")
			.append(statistics.queriesInFile())
			.append(" (qrels `")
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
		out.append("- Command: `").append(settings.command()).append("`\n\n");

		out.append("| Configuration | nDCG@10 | MRR@10 | R@5 | R@10 | R@50 | R@100 "
				+ "| Retrieval p50 / p95 / p99 ms | Rerank p50 / p95 / p99 ms | Total p50 / p95 / p99 ms "
				+ "| Queries/s | Pairs/s |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (ConfigurationResult result : report.results()) {
			out.append("| ").append(result.label());
			out.append(" | ").append(number(result.quality().ndcg10()));
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
		if (!report.firstStages().isEmpty()) {
			out.append("Indexing: ");
			out.append(String.join("; ",
					report.firstStages()
						.stream()
						.map(stage -> stage.firstStage() + " " + stage.documents() + " documents in "
								+ String.format(Locale.ROOT, "%.1f", stage.seconds()) + " s")
						.toList()));
			out.append("\n\n");
		}
		for (String note : report.notes()) {
			out.append("> ").append(note).append("\n\n");
		}
		if (chartFile != null) {
			out.append("![Quality and latency versus rerank depth](").append(chartFile).append(")\n");
		}
		return out.toString();
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

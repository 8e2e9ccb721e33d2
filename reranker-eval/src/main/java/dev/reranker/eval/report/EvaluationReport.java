package dev.reranker.eval.report;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDataset;

/**
 * Everything one run of the tool measured.
 *
 * @param dataset what was evaluated
 * @param settings how it was run
 * @param environment where it was run
 * @param firstStages indexing figures per first stage
 * @param results one entry per configuration
 * @param notes things a reader must know (skipped providers and why), may be empty
 */
public record EvaluationReport(Dataset dataset, Settings settings, Environment environment,
		List<FirstStageIndexing> firstStages, List<ConfigurationResult> results, List<String> notes) {

	/**
	 * @param name the dataset folder's name
	 * @param qrels the qrels file used
	 * @param exclude the exclusion file used, or {@code null}
	 * @param evaluatedQueries queries evaluated
	 * @param statistics how the dataset was read
	 */
	public record Dataset(String name, String qrels, @Nullable String exclude, int evaluatedQueries,
			BeirDataset.Statistics statistics) {
	}

	/**
	 * @param command the arguments the tool was run with
	 * @param retrievalDepth candidates retrieved per query
	 * @param depths rerank depths swept
	 * @param warmupQueries untimed queries run before each timed pass
	 * @param includeTitle whether titles were put before document texts
	 */
	public record Settings(String command, int retrievalDepth, List<Integer> depths, int warmupQueries,
			boolean includeTitle) {
	}

	/**
	 * @param availableProcessors processors the JVM sees
	 * @param osName operating system
	 * @param osArch architecture
	 * @param javaVersion Java runtime version
	 * @param finishedAt when the run ended (ISO-8601, UTC)
	 */
	public record Environment(int availableProcessors, String osName, String osArch, String javaVersion,
			String finishedAt) {
	}

	/**
	 * @param firstStage the first stage's name
	 * @param documents documents indexed
	 * @param seconds wall-clock indexing time (0 when the index was shared and filled by
	 * an earlier stage)
	 */
	public record FirstStageIndexing(String firstStage, int documents, double seconds) {
	}

}

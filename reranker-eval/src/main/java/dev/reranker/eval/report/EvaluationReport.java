package dev.reranker.eval.report;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.QuerySample;

/**
 * Everything one run of the tool measured.
 *
 * @param dataset what was evaluated
 * @param settings how it was run
 * @param environment where it was run
 * @param firstStages setup figures per first stage
 * @param results one entry per configuration
 * @param comparisons paired significance tests between configurations, may be empty
 * @param notes things a reader must know (skipped providers and why), may be empty
 * @param answers how answers were made and scored, or {@code null} when the answers mode
 * was off
 */
public record EvaluationReport(Dataset dataset, Settings settings, Environment environment,
		List<FirstStageIndexing> firstStages, List<ConfigurationResult> results, List<Comparison> comparisons,
		List<String> notes, @Nullable Answers answers) {

	/**
	 * A report without answer quality.
	 * @param dataset what was evaluated
	 * @param settings how it was run
	 * @param environment where it was run
	 * @param firstStages setup figures per first stage
	 * @param results one entry per configuration
	 * @param comparisons paired tests
	 * @param notes notes
	 */
	public EvaluationReport(Dataset dataset, Settings settings, Environment environment,
			List<FirstStageIndexing> firstStages, List<ConfigurationResult> results, List<Comparison> comparisons,
			List<String> notes) {
		this(dataset, settings, environment, firstStages, results, comparisons, notes, null);
	}

	/**
	 * The answers mode's set-up.
	 *
	 * @param references where the reference answers were read from
	 * @param referenceAnswers queries with a reference answer in that file
	 * @param answeredQueries evaluated queries with a reference answer: the queries every
	 * answer figure is averaged over
	 * @param chatModel the chat model (class and model name)
	 * @param topK documents per prompt
	 * @param judge whether the LLM judge graded the answers
	 * @param chatCalls chat model calls made (a repeated prompt is asked once)
	 */
	public record Answers(String references, int referenceAnswers, int answeredQueries, String chatModel, int topK,
			boolean judge, int chatCalls) {
	}

	/**
	 * The comparison of a configuration with a baseline on a metric.
	 * @param baseline the baseline's tag
	 * @param candidate the candidate's tag
	 * @param metric the metric's name
	 * @return the comparison, if it was made
	 */
	public Optional<Comparison> comparison(String baseline, String candidate, String metric) {
		return this.comparisons.stream()
			.filter(comparison -> comparison.baseline().equals(baseline) && comparison.candidate().equals(candidate)
					&& comparison.metric().equals(metric))
			.findFirst();
	}

	/**
	 * @param name the dataset folder's name
	 * @param qrels the qrels file used
	 * @param exclude the exclusion file used, or {@code null}
	 * @param evaluatedQueries queries evaluated
	 * @param sample how the evaluated queries were chosen
	 * @param statistics how the dataset was read
	 */
	public record Dataset(String name, String qrels, @Nullable String exclude, int evaluatedQueries, QuerySample sample,
			BeirDataset.Statistics statistics) {
	}

	/**
	 * @param command the arguments the tool was run with
	 * @param retrievalDepth candidates retrieved per query
	 * @param depths rerank depths swept
	 * @param warmupQueries untimed queries run before each timed pass
	 * @param includeTitle whether titles were put before document texts
	 * @param significance how configurations were compared
	 */
	public record Settings(String command, int retrievalDepth, List<Integer> depths, int warmupQueries,
			boolean includeTitle, Significance significance) {
	}

	/**
	 * @param permutations random sign flips of the paired randomization test
	 * @param bootstrapSamples resamples of the bootstrap confidence interval
	 * @param seed seed of both
	 * @param alpha significance level (two-sided)
	 */
	public record Significance(int permutations, int bootstrapSamples, long seed, double alpha) {
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
	 * How a first stage was set up, with shared corpus embedding kept apart from the
	 * stage's own work.
	 *
	 * @param firstStage the first stage's name
	 * @param label the first stage's label (model and settings)
	 * @param documents documents indexed
	 * @param embeddingSeconds corpus embedding done while setting this stage up (0 when
	 * an earlier stage or a cache had embedded the corpus)
	 * @param seconds the stage's own setup: filling its store and building its indexes,
	 * embedding excluded (near 0 when it reuses an earlier stage's)
	 * @param steps what was done, in order, with seconds
	 */
	public record FirstStageIndexing(String firstStage, String label, int documents, double embeddingSeconds,
			double seconds, List<String> steps) {
	}

}

package dev.reranker.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.answers.AnswerEvaluator;
import dev.reranker.eval.answers.ReferenceAnswers;
import dev.reranker.eval.answers.ReferenceAnswersReader;
import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.dataset.DatasetException;
import dev.reranker.eval.dataset.EvalQuery;
import dev.reranker.eval.dataset.QueryFolds;
import dev.reranker.eval.dataset.QuerySample;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.pipeline.Evaluator;
import dev.reranker.eval.report.ConfigurationRun;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.MarkdownReport;
import dev.reranker.eval.report.ReportWriter;
import dev.reranker.eval.stats.Comparisons;
import dev.reranker.eval.stats.PairedTest;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * The tool's one command: reads the dataset, evaluates every first stage alone and with
 * every rerank provider at every depth, writes the report.
 */
class EvalCommand implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(EvalCommand.class);

	/** First stages that embed with the tool's own TransformersEmbeddingModel. */
	private static final List<String> DENSE_STAGES = List.of("dense", "pgvector", "hybrid");

	private final EvalProperties properties;

	private final AnswerProperties answerProperties;

	private final FirstStageFactory firstStages;

	private final Environment environment;

	EvalCommand(EvalProperties properties, AnswerProperties answerProperties, FirstStageFactory firstStages,
			Environment environment) {
		this.properties = properties;
		this.answerProperties = answerProperties;
		this.firstStages = firstStages;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		Path folder = this.properties.getDataset();
		if (folder == null) {
			throw new DatasetException("No dataset given; pass --eval.dataset=<folder in BEIR layout>, e.g."
					+ " --eval.dataset=../shared/datasets/cranfield");
		}
		BeirDataset read = BeirDatasetReader.read(folder,
				new BeirDatasetReader.Options(this.properties.getQrels(), this.properties.getExclude()));
		List<EvalQuery> queries = read.queries();
		List<String> notes = new ArrayList<>();
		if (this.properties.getFolds() > 0) {
			QueryFolds folds = QueryFolds.of(read, this.properties.getFolds(), this.properties.getFoldSeed());
			folds.requireFold(this.properties.getFold(), "eval.fold");
			Set<String> heldOut = folds.heldOut(this.properties.getFold());
			queries = queries.stream().filter((query) -> heldOut.contains(query.id())).toList();
			notes.add("Only fold " + this.properties.getFold() + " of " + this.properties.getFolds()
					+ " (eval.folds, eval.fold, eval.fold-seed " + this.properties.getFoldSeed() + ") was evaluated: "
					+ queries.size() + " of " + read.queries().size()
					+ " judged queries, the ones reranker-train holds out with the same --train.folds, --train.fold"
					+ " and --train.fold-seed.");
		}
		QuerySample.Selection selection = QuerySample.select(queries, this.properties.getMaxQueries(),
				QuerySample.Mode.of(this.properties.getSample()), this.properties.getSampleSeed());
		BeirDataset dataset = new BeirDataset(read.name(), read.corpus(), selection.queries(), read.qrels(),
				read.excluded(), read.statistics());
		// read before the long evaluation, so a bad file fails at once
		ReferenceAnswers references = referenceAnswers(read);
		logger.info("Dataset '{}': {} documents, {} evaluated ({} in queries.jsonl), {} judgments", dataset.name(),
				dataset.corpus().size(), selection.sample().describe(), dataset.statistics().queriesInFile(),
				dataset.statistics().judgments());
		if (selection.sample().mode() != QuerySample.Mode.ALL) {
			notes.add("Only " + selection.sample().describe() + " were evaluated (eval.max-queries, eval.sample"
					+ ((selection.sample().mode() == QuerySample.Mode.RANDOM) ? ", eval.sample-seed" : "")
					+ "); figures on other samples differ.");
		}
		// the chat model starts before the long evaluation too: a wrong spring.ai.*
		// setting
		// fails the run at once, not after hours of reranking
		try (ChatModelContext chat = (references != null) ? ChatModelContext.start(args.getSourceArgs(), "eval.answers")
				: null) {
			Evaluated evaluated = evaluate(dataset, selection.sample(), args.getSourceArgs(), notes,
					(references != null && chat != null) ? new Answering(references, chat) : null);
			Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
			dataset.queries().forEach(query -> judgments.put(query.id(), dataset.qrels().judgments(query.id())));
			List<Path> files = ReportWriter.write(evaluated.report(), evaluated.runs(), judgments,
					this.properties.getOutput());
			logger.info("Report written: {}\n{}", files, MarkdownReport.render(evaluated.report(), null, null));
		}
	}

	/**
	 * What the answers mode needs.
	 *
	 * @param references the reference answers
	 * @param chat the started chat model
	 */
	record Answering(ReferenceAnswers references, ChatModelContext chat) {
	}

	/**
	 * The report with the per-query results it was made from.
	 *
	 * @param report the report
	 * @param runs every configuration's per-query results
	 */
	record Evaluated(EvaluationReport report, List<ConfigurationRun> runs) {
	}

	private @Nullable ReferenceAnswers referenceAnswers(BeirDataset dataset) {
		String location = this.properties.getAnswers();
		if (location == null || location.isBlank()) {
			return null;
		}
		Set<String> judged = dataset.queries().stream().map(EvalQuery::id).collect(Collectors.toSet());
		ReferenceAnswers references = ReferenceAnswersReader.read(location.trim(), judged, dataset.name());
		logger.info("Reference answers: {} queries in {}", references.byQuery().size(), location);
		return references;
	}

	Evaluated evaluate(BeirDataset dataset, QuerySample sample, String[] args, List<String> notes,
			@Nullable Answering answering) {
		Evaluator.Settings settings = new Evaluator.Settings(this.properties.getRetrievalDepth(),
				this.properties.getDepths(), this.properties.getWarmupQueries(), this.properties.isIncludeTitle());
		Evaluator evaluator = new Evaluator(dataset, settings);

		List<Evaluator.FirstStageRun> runs = new ArrayList<>();
		List<ConfigurationRun> results = new ArrayList<>();
		for (String name : this.properties.getFirstStages()) {
			FirstStage stage = this.firstStages.create(name.trim(), dataset);
			Evaluator.FirstStageRun run = evaluator.runFirstStage(stage);
			runs.add(run);
			results.add(evaluator.firstStageResult(run));
		}
		for (String provider : providers()) {
			int colon = provider.indexOf(':');
			String name = (colon < 0) ? provider : provider.substring(0, colon);
			String variant = (colon < 0) ? null : provider.substring(colon + 1);
			Map<String, String> variantProperties = Map.of();
			if (variant != null) {
				variantProperties = this.properties.getVariants().get(variant);
				if (variantProperties == null) {
					throw new IllegalArgumentException("eval.providers names variant '" + variant + "' but no"
							+ " eval.variants." + variant + ".* property is set; add e.g. --eval.variants." + variant
							+ ".reranker." + name + ".<property>=<value>");
				}
			}
			try (RerankProviders.Provider started = RerankProviders.start(name, variant, variantProperties, args)) {
				logger.info("Rerank provider '{}' started: {}", provider, started.label());
				String note = started.note();
				if (note != null && !notes.contains(note)) {
					notes.add(note);
				}
				for (Evaluator.FirstStageRun run : runs) {
					results.addAll(evaluator.rerankResults(run, provider, started.label(), started.model()));
				}
			}
		}
		EvaluationReport.Answers answers = null;
		if (answering != null) {
			Answered answered = answer(dataset, answering, results);
			results = answered.runs();
			answers = answered.setup();
			int outside = answering.references().byQuery().size() - answers.answeredQueries();
			if (outside > 0) {
				notes.add("Answers were scored on the " + answers.answeredQueries() + " evaluated queries with a"
						+ " reference answer; " + outside + " reference answers are for queries outside the sample.");
			}
		}
		String denseNote = ModelLabels.poolingNote(this.properties.getEmbedding().getModel());
		if (denseNote != null
				&& this.properties.getFirstStages().stream().map(String::trim).anyMatch(DENSE_STAGES::contains)) {
			notes.add(denseNote);
		}
		SignificanceProperties significance = this.properties.getSignificance();
		PairedTest test = new PairedTest(significance.getPermutations(), significance.getBootstrapSamples(),
				significance.getSeed());
		EvaluationReport report = new EvaluationReport(
				new EvaluationReport.Dataset(dataset.name(), this.properties.getQrels(), this.properties.getExclude(),
						dataset.queries().size(), sample, dataset.statistics()),
				new EvaluationReport.Settings(command(args), settings.retrievalDepth(), settings.depths(),
						settings.warmupQueries(), settings.includeTitle(),
						new EvaluationReport.Significance(significance.getPermutations(),
								significance.getBootstrapSamples(), significance.getSeed(), significance.getAlpha())),
				new EvaluationReport.Environment(Runtime.getRuntime().availableProcessors(),
						System.getProperty("os.name"), System.getProperty("os.arch"),
						System.getProperty("java.version"), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()),
				runs.stream().map(Evaluator.FirstStageRun::indexing).toList(),
				results.stream().map(ConfigurationRun::result).toList(),
				Comparisons.of(results, test, significance.getAlpha()), List.copyOf(notes), answers);
		return new Evaluated(report, List.copyOf(results));
	}

	private record Answered(List<ConfigurationRun> runs, EvaluationReport.Answers setup) {
	}

	private Answered answer(BeirDataset dataset, Answering answering, List<ConfigurationRun> runs) {
		AnswerEvaluator.Settings settings = new AnswerEvaluator.Settings(this.answerProperties.getTopK(),
				this.answerProperties.isJudge(), this.answerProperties.prompts(), this.properties.isIncludeTitle());
		ReferenceAnswers references = answering.references();
		ChatModelContext chat = answering.chat();
		AnswerEvaluator evaluator = new AnswerEvaluator(chat.model(), settings, references, dataset);
		List<ConfigurationRun> answered = evaluator.evaluate(runs);
		return new Answered(answered, new EvaluationReport.Answers(references.source(), references.byQuery().size(),
				evaluator.answerable().size(), chat.label(), settings.topK(), settings.judge(), evaluator.calls()));
	}

	private List<String> providers() {
		List<String> providers = this.properties.getProviders()
			.stream()
			.map(String::trim)
			.filter(name -> !name.isEmpty() && !name.equals("none"))
			.toList();
		if (providers.isEmpty() && this.environment.containsProperty("reranker.provider")) {
			return List.of(this.environment.getRequiredProperty("reranker.provider"));
		}
		return providers;
	}

	/**
	 * The command line for the report, with the values of secret-looking options (API
	 * keys, passwords, tokens) masked: the report and the log are shared.
	 */
	static String command(String[] args) {
		StringBuilder command = new StringBuilder(
				"./mvnw -q -pl reranker-eval -am spring-boot:run -Dspring-boot.run.arguments=\"");
		command.append(String.join(" ", Arrays.stream(args).map(EvalCommand::masked).toList())).append('"');
		return command.toString();
	}

	private static String masked(String arg) {
		int equals = arg.indexOf('=');
		if (equals < 0) {
			return arg;
		}
		String name = arg.substring(0, equals).toLowerCase(java.util.Locale.ROOT).replace("_", "-");
		boolean secret = name.contains("api-key") || name.contains("apikey") || name.contains("password")
				|| name.contains("secret")
				|| (name.contains("token") && !name.contains("tokens") && !name.contains("tokenizer"));
		return secret ? arg.substring(0, equals + 1) + "******" : arg;
	}

}

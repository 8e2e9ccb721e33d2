package dev.reranker.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.dataset.DatasetException;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.pipeline.Evaluator;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.MarkdownReport;
import dev.reranker.eval.report.ReportWriter;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * The tool's one command: reads the dataset, evaluates every first stage alone and with
 * every rerank provider at every depth, writes the report.
 */
class EvalCommand implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(EvalCommand.class);

	private final EvalProperties properties;

	private final FirstStageFactory firstStages;

	private final Environment environment;

	EvalCommand(EvalProperties properties, FirstStageFactory firstStages, Environment environment) {
		this.properties = properties;
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
		BeirDataset dataset = BeirDatasetReader.read(folder,
				new BeirDatasetReader.Options(this.properties.getQrels(), this.properties.getExclude()));
		Integer maxQueries = this.properties.getMaxQueries();
		if (maxQueries != null && maxQueries < dataset.queries().size()) {
			dataset = new BeirDataset(dataset.name(), dataset.corpus(), dataset.queries().subList(0, maxQueries),
					dataset.qrels(), dataset.excluded(), dataset.statistics());
		}
		logger.info("Dataset '{}': {} documents, {} queries evaluated ({} in queries.jsonl), {} judgments",
				dataset.name(), dataset.corpus().size(), dataset.queries().size(), dataset.statistics().queriesInFile(),
				dataset.statistics().judgments());
		List<String> notes = new ArrayList<>();
		int judgedQueries = dataset.statistics().queriesInFile() - dataset.statistics().queriesWithoutJudgments();
		if (dataset.queries().size() < judgedQueries) {
			notes.add("Only the first " + dataset.queries().size() + " of " + judgedQueries
					+ " judged queries were evaluated (eval.max-queries).");
		}
		EvaluationReport report = evaluate(dataset, args.getSourceArgs(), notes);
		List<Path> files = ReportWriter.write(report, this.properties.getOutput());
		logger.info("Report written: {}\n{}", files, MarkdownReport.render(report, null));
	}

	EvaluationReport evaluate(BeirDataset dataset, String[] args, List<String> notes) {
		Evaluator.Settings settings = new Evaluator.Settings(this.properties.getRetrievalDepth(),
				this.properties.getDepths(), this.properties.getWarmupQueries(), this.properties.isIncludeTitle());
		Evaluator evaluator = new Evaluator(dataset, settings);

		List<Evaluator.FirstStageRun> runs = new ArrayList<>();
		List<ConfigurationResult> results = new ArrayList<>();
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
				for (Evaluator.FirstStageRun run : runs) {
					results.addAll(evaluator.rerankResults(run, started.label(), started.model()));
				}
			}
		}
		return new EvaluationReport(
				new EvaluationReport.Dataset(dataset.name(), this.properties.getQrels(), this.properties.getExclude(),
						dataset.queries().size(), dataset.statistics()),
				new EvaluationReport.Settings(command(args), settings.retrievalDepth(), settings.depths(),
						settings.warmupQueries(), settings.includeTitle()),
				new EvaluationReport.Environment(Runtime.getRuntime().availableProcessors(),
						System.getProperty("os.name"), System.getProperty("os.arch"),
						System.getProperty("java.version"), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()),
				runs.stream().map(Evaluator.FirstStageRun::indexing).toList(), results, List.copyOf(notes));
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

	private static String command(String[] args) {
		StringBuilder command = new StringBuilder(
				"./mvnw -q -pl reranker-eval -am spring-boot:run -Dspring-boot.run.arguments=\"");
		command.append(String.join(" ", args)).append('"');
		return command.toString();
	}

}

package dev.reranker.eval.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.FailureMode;
import dev.reranker.RerankModel;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.dataset.EvalQuery;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.firststage.SetupStep;
import dev.reranker.eval.metrics.QualityMetrics;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.ConfigurationRun;
import dev.reranker.eval.report.EvaluationReport;
import dev.reranker.eval.report.Latency;
import dev.reranker.eval.report.QueryRun;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.util.Assert;

/**
 * Runs the evaluation of one dataset: indexes the corpus into a first stage, retrieves
 * candidates for every query (timed), then reranks the top {@code depth} of them with a
 * {@link RerankModel} through the same {@link RerankingDocumentPostProcessor} the starter
 * configures (timed, once per depth), and scores every ranking.
 * <p>
 * The ranking evaluated after reranking at depth d is the post-processor's order of the
 * first d candidates followed by the remaining candidates in first-stage order, so
 * recall@100 is the first stage's. Documents the dataset excludes for a query are removed
 * from its candidates before anything else. Queries run one at a time; a few untimed
 * warm-up queries precede each timed pass.
 */
public final class Evaluator {

	/** Metadata key holding the dataset's document id on every indexed document. */
	public static final String DOCUMENT_ID = "beir_id";

	private static final Logger logger = LoggerFactory.getLogger(Evaluator.class);

	private final BeirDataset dataset;

	private final Settings settings;

	private final List<Document> documents;

	/**
	 * How the evaluation runs.
	 *
	 * @param retrievalDepth candidates kept per query (at least 100 for recall@100 and at
	 * least the largest depth)
	 * @param depths rerank depths, ascending
	 * @param warmupQueries untimed queries before each timed pass
	 * @param includeTitle whether to put titles before document texts
	 */
	public record Settings(int retrievalDepth, List<Integer> depths, int warmupQueries, boolean includeTitle) {

		public Settings {
			depths = depths.stream().sorted().distinct().toList();
			Assert.isTrue(depths.stream().allMatch(depth -> depth >= 1), "depths must be >= 1");
			Assert.isTrue(warmupQueries >= 0, "warmupQueries must be >= 0");
			int deepest = depths.isEmpty() ? 0 : depths.get(depths.size() - 1);
			Assert.isTrue(retrievalDepth >= deepest,
					() -> "retrieval depth " + retrievalDepth + " is smaller than the largest rerank depth " + deepest);
		}

	}

	/**
	 * The first stage's candidates for every query, with their retrieval times.
	 *
	 * @param firstStage the stage's name
	 * @param label the stage's label (model and settings)
	 * @param candidates per query id, candidates best first (exclusions removed)
	 * @param retrievalNanos per query id, retrieval time
	 * @param indexing the indexing figures
	 */
	public record FirstStageRun(String firstStage, String label, Map<String, List<Document>> candidates,
			Map<String, Long> retrievalNanos, EvaluationReport.FirstStageIndexing indexing) {

		/**
		 * @param queryId a query of the dataset
		 * @return the query's candidates
		 */
		public List<Document> candidatesOf(String queryId) {
			List<Document> found = this.candidates.get(queryId);
			Assert.state(found != null,
					() -> "The first stage '" + this.firstStage + "' has no run for query '" + queryId + "'");
			return found;
		}

		/**
		 * @param queryId a query of the dataset
		 * @return how long the first stage took to retrieve the query's candidates
		 */
		public long retrievalNanosOf(String queryId) {
			Long found = this.retrievalNanos.get(queryId);
			Assert.state(found != null,
					() -> "The first stage '" + this.firstStage + "' has no timing for query '" + queryId + "'");
			return found;
		}

	}

	/**
	 * @param dataset the dataset
	 * @param settings how to run
	 */
	public Evaluator(BeirDataset dataset, Settings settings) {
		this.dataset = dataset;
		this.settings = settings;
		this.documents = dataset.corpus().values().stream().map(document -> toDocument(document)).toList();
	}

	/**
	 * Indexes the corpus into the stage and retrieves every query's candidates.
	 * @param stage the first stage
	 * @return the candidates and timings
	 */
	public FirstStageRun runFirstStage(FirstStage stage) {
		List<SetupStep> steps;
		try (Progress progress = Progress.start("Indexing " + stage.name(), this.documents.size())) {
			steps = stage.index(this.documents, progress::step);
		}
		double embedding = steps.stream().filter(SetupStep::embedding).mapToDouble(SetupStep::seconds).sum();
		double own = steps.stream().filter(step -> !step.embedding()).mapToDouble(SetupStep::seconds).sum();
		List<String> done = steps.stream()
			.map(step -> step.description() + String.format(Locale.ROOT, " (%.1f s)", step.seconds()))
			.toList();
		logger.info("Set up '{}' for {} documents: {}", stage.name(), this.documents.size(), String.join("; ", done));

		List<EvalQuery> queries = this.dataset.queries();
		for (EvalQuery query : queries.subList(0, Math.min(this.settings.warmupQueries(), queries.size()))) {
			retrieve(stage, query);
		}
		Map<String, List<Document>> candidates = new LinkedHashMap<>();
		Map<String, Long> nanos = new LinkedHashMap<>();
		try (Progress progress = Progress.start("Retrieving with " + stage.name(), queries.size())) {
			for (EvalQuery query : queries) {
				long began = System.nanoTime();
				List<Document> found = retrieve(stage, query);
				nanos.put(query.id(), System.nanoTime() - began);
				candidates.put(query.id(), found);
				progress.step(1);
			}
		}
		return new FirstStageRun(stage.name(), stage.label(), candidates, nanos,
				new EvaluationReport.FirstStageIndexing(stage.name(), stage.label(), this.documents.size(), embedding,
						own, done));
	}

	/**
	 * Scores the first stage's own ranking.
	 * @param run the first stage's candidates
	 * @return the figures, per query and averaged
	 */
	public ConfigurationRun firstStageResult(FirstStageRun run) {
		List<QueryRun> queries = new ArrayList<>();
		long[] retrieval = new long[run.candidates().size()];
		int i = 0;
		for (EvalQuery query : this.dataset.queries()) {
			queries.add(score(query, ids(run.candidatesOf(query.id()))));
			retrieval[i++] = run.retrievalNanosOf(query.id());
		}
		Latency latency = Latency.ofNanos(retrieval);
		return new ConfigurationRun(new ConfigurationResult(run.firstStage(), run.firstStage(), run.label(), null, null,
				queries.size(), mean(queries), latency, null, latency, 1000.0 / latency.mean(), null), queries);
	}

	/**
	 * Reranks the first stage's candidates at every configured depth.
	 * @param run the first stage's candidates
	 * @param providerKey the provider as named in {@code eval.providers} (in run tags)
	 * @param provider the provider with its model, in labels
	 * @param model the rerank model
	 * @return one result per depth
	 */
	public List<ConfigurationRun> rerankResults(FirstStageRun run, String providerKey, String provider,
			RerankModel model) {
		List<ConfigurationRun> results = new ArrayList<>();
		for (int depth : this.settings.depths()) {
			String tag = run.firstStage() + "+" + providerKey.replace(':', '-') + "@" + depth;
			results.add(rerankAtDepth(run, tag, provider, model, depth));
		}
		return results;
	}

	private QueryRun score(EvalQuery query, List<String> ranking) {
		return new QueryRun(query.id(), ranking,
				QualityMetrics.of(ranking, this.dataset.qrels().judgments(query.id())));
	}

	private static QualityMetrics mean(List<QueryRun> queries) {
		return QualityMetrics.mean(queries.stream().map(QueryRun::quality).toList());
	}

	private ConfigurationRun rerankAtDepth(FirstStageRun run, String tag, String provider, RerankModel model,
			int depth) {
		RerankingDocumentPostProcessor postProcessor = RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.topN(depth)
			.maxCandidates(depth)
			.failureMode(FailureMode.FAIL)
			.build();
		List<EvalQuery> queries = this.dataset.queries();
		for (EvalQuery query : queries.subList(0, Math.min(this.settings.warmupQueries(), queries.size()))) {
			rerank(postProcessor, query, run.candidatesOf(query.id()), depth);
		}
		List<QueryRun> scored = new ArrayList<>();
		long[] rerankNanos = new long[queries.size()];
		long[] totalNanos = new long[queries.size()];
		long pairs = 0;
		try (Progress progress = Progress.start("Reranking " + run.firstStage() + " with " + provider + " @ " + depth,
				queries.size())) {
			for (int i = 0; i < queries.size(); i++) {
				EvalQuery query = queries.get(i);
				List<Document> candidates = run.candidatesOf(query.id());
				long began = System.nanoTime();
				List<Document> reranked = rerank(postProcessor, query, candidates, depth);
				rerankNanos[i] = System.nanoTime() - began;
				totalNanos[i] = rerankNanos[i] + run.retrievalNanosOf(query.id());
				pairs += Math.min(depth, candidates.size());
				List<String> ranking = new ArrayList<>(ids(reranked));
				ranking.addAll(ids(candidates.subList(Math.min(depth, candidates.size()), candidates.size())));
				scored.add(score(query, ranking));
				progress.step(1);
			}
		}
		long rerankSum = java.util.Arrays.stream(rerankNanos).sum();
		Latency total = Latency.ofNanos(totalNanos);
		return new ConfigurationRun(new ConfigurationResult(tag, run.firstStage(), run.label(), provider, depth,
				scored.size(), mean(scored),
				Latency.ofNanos(run.retrievalNanos().values().stream().mapToLong(Long::longValue).toArray()),
				Latency.ofNanos(rerankNanos), total, 1000.0 / total.mean(), pairs / (rerankSum / 1e9)), scored);
	}

	private static List<Document> rerank(RerankingDocumentPostProcessor postProcessor, EvalQuery query,
			List<Document> candidates, int depth) {
		List<Document> top = candidates.subList(0, Math.min(depth, candidates.size()));
		if (top.isEmpty()) {
			return List.of();
		}
		List<Document> reranked = postProcessor.process(new Query(query.text()), top);
		if (reranked.size() != top.size()) {
			throw new IllegalStateException("The post-processor returned " + reranked.size() + " of " + top.size()
					+ " candidates for query '" + query.id() + "'; the evaluation needs them all");
		}
		return reranked;
	}

	private List<Document> retrieve(FirstStage stage, EvalQuery query) {
		Set<String> excluded = this.dataset.excludedFor(query.id());
		int depth = this.settings.retrievalDepth();
		List<Document> found = stage.retrieve(query.text(), depth + excluded.size());
		List<Document> kept = new ArrayList<>(Math.min(depth, found.size()));
		Set<String> seen = new java.util.HashSet<>();
		for (Document document : found) {
			String id = id(document);
			if (!excluded.contains(id) && seen.add(id) && kept.size() < depth) {
				kept.add(document);
			}
		}
		return kept;
	}

	private static List<String> ids(List<Document> documents) {
		return documents.stream().map(Evaluator::id).toList();
	}

	private static String id(Document document) {
		Object id = document.getMetadata().get(DOCUMENT_ID);
		if (id == null) {
			throw new IllegalStateException("Document " + document.getId() + " has no '" + DOCUMENT_ID
					+ "' metadata; the first stage must return documents as indexed");
		}
		return id.toString();
	}

	/**
	 * The Spring AI document indexed for a corpus document: a stable UUID (vector stores
	 * such as PgVectorStore need one) and the dataset's id in {@link #DOCUMENT_ID}.
	 * @param document the corpus document
	 * @return the document to index
	 */
	Document toDocument(CorpusDocument document) {
		return Document.builder()
			.id(UUID.nameUUIDFromBytes(("beir:" + document.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.toString())
			.text(document.content(this.settings.includeTitle()))
			.metadata(DOCUMENT_ID, document.id())
			.build();
	}

}

package dev.reranker.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDatasetReader;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the evaluation tool, under {@code eval.*} (pass them as
 * {@code --eval.dataset=…}). Rerank providers are configured with the starter's own
 * {@code reranker.*} properties.
 */
@ConfigurationProperties(prefix = EvalProperties.PREFIX)
public class EvalProperties implements Validator {

	public static final String PREFIX = "eval";

	/**
	 * Dataset folder in BEIR layout (corpus.jsonl, queries.jsonl, qrels/). Relative paths
	 * resolve against the working directory (the repository root under spring-boot:run).
	 */
	private @Nullable Path dataset;

	/**
	 * Qrels file to evaluate against, relative to the dataset folder.
	 */
	private String qrels = BeirDatasetReader.DEFAULT_QRELS;

	/**
	 * File of query-document pairs to remove from candidate lists (qrels layout, score
	 * ignored), relative to the dataset folder. Cranfield: qrels/source_docs.tsv.
	 */
	private @Nullable String exclude;

	/**
	 * First stages to evaluate: 'dense' (in-memory vector store with the local embedding
	 * model), 'pgvector' (PgVectorStore, same model), 'keyword' (BM25 over the
	 * PgVectorStore table), 'hybrid' (pgvector and keyword fused with reciprocal rank
	 * fusion).
	 */
	private List<String> firstStages = new ArrayList<>(List.of("dense"));

	/**
	 * Rerank providers to evaluate, each started with reranker.provider set to it and the
	 * other reranker.* properties as given. Empty evaluates the first stages alone.
	 */
	private List<String> providers = new ArrayList<>();

	/**
	 * Extra properties per provider variant: an entry 'local:int8' in eval.providers
	 * starts provider 'local' with the properties under eval.variants.int8 (e.g.
	 * eval.variants.int8.reranker.local.model-file=onnx/model_quantized.onnx), so
	 * variants are measured side by side in one run.
	 */
	private Map<String, Map<String, String>> variants = new LinkedHashMap<>();

	/**
	 * Numbers of first-stage candidates to rerank, one evaluation pass each.
	 */
	private List<Integer> depths = new ArrayList<>(List.of(10, 20, 50, 100));

	/**
	 * Candidates retrieved per query; at least 100 (for recall@100) and at least the
	 * largest depth.
	 */
	private int retrievalDepth = 100;

	/**
	 * Untimed queries run before each timed pass.
	 */
	private int warmupQueries = 5;

	/**
	 * Whether to put document titles before their texts (BEIR's convention); skipped for
	 * texts that already start with their title.
	 */
	private boolean includeTitle = true;

	/**
	 * Maximum number of queries to evaluate, chosen as eval.sample says. Unset evaluates
	 * all.
	 */
	private @Nullable Integer maxQueries;

	/**
	 * How eval.max-queries chooses its queries: 'random' (a random sample drawn with
	 * eval.sample-seed, recorded in the report) or 'first' (the first ones in
	 * queries.jsonl, which are rarely representative).
	 */
	private String sample = "random";

	/**
	 * Seed of the random query sample; the same seed and dataset give the same queries.
	 */
	private long sampleSeed = 42;

	/**
	 * Number of folds to split the judged queries into (k-fold over queries), or 0 to
	 * evaluate all of them. With eval.fold and eval.fold-seed it gives the same split as
	 * reranker-train's --train.folds, --train.fold and --train.fold-seed, so only the
	 * fold the model was not trained on is evaluated.
	 */
	private int folds;

	/**
	 * The fold evaluated (held out from training) when eval.folds is set, from 0.
	 */
	private int fold;

	/**
	 * Seed of the split into folds; the same seed, qrels and exclusions give the same
	 * folds.
	 */
	private long foldSeed = 42;

	/**
	 * Folder the report (report.json, report.md, chart.svg) is written to.
	 */
	private Path output = Path.of("target", "reranker-eval");

	/**
	 * Reference answers (a JSON Lines file of {"query_id": …, "answer": …}; a file path
	 * or classpath:…): turns on the answers mode, in which every configuration's top
	 * documents go to the chat model and its answers are scored (settings under
	 * eval.answer.*).
	 */
	private @Nullable String answers;

	@NestedConfigurationProperty
	private final EmbeddingProperties embedding = new EmbeddingProperties();

	@NestedConfigurationProperty
	private final PostgresProperties postgres = new PostgresProperties();

	@NestedConfigurationProperty
	private final SignificanceProperties significance = new SignificanceProperties();

	public @Nullable Path getDataset() {
		return this.dataset;
	}

	public void setDataset(@Nullable Path dataset) {
		this.dataset = dataset;
	}

	public String getQrels() {
		return this.qrels;
	}

	public void setQrels(String qrels) {
		this.qrels = qrels;
	}

	public @Nullable String getExclude() {
		return this.exclude;
	}

	public void setExclude(@Nullable String exclude) {
		this.exclude = exclude;
	}

	public List<String> getFirstStages() {
		return this.firstStages;
	}

	public void setFirstStages(List<String> firstStages) {
		this.firstStages = firstStages;
	}

	public List<String> getProviders() {
		return this.providers;
	}

	public void setProviders(List<String> providers) {
		this.providers = providers;
	}

	public Map<String, Map<String, String>> getVariants() {
		return this.variants;
	}

	public void setVariants(Map<String, Map<String, String>> variants) {
		this.variants = variants;
	}

	public List<Integer> getDepths() {
		return this.depths;
	}

	public void setDepths(List<Integer> depths) {
		this.depths = depths;
	}

	public int getRetrievalDepth() {
		return this.retrievalDepth;
	}

	public void setRetrievalDepth(int retrievalDepth) {
		this.retrievalDepth = retrievalDepth;
	}

	public int getWarmupQueries() {
		return this.warmupQueries;
	}

	public void setWarmupQueries(int warmupQueries) {
		this.warmupQueries = warmupQueries;
	}

	public boolean isIncludeTitle() {
		return this.includeTitle;
	}

	public void setIncludeTitle(boolean includeTitle) {
		this.includeTitle = includeTitle;
	}

	public int getFolds() {
		return this.folds;
	}

	public void setFolds(int folds) {
		this.folds = folds;
	}

	public int getFold() {
		return this.fold;
	}

	public void setFold(int fold) {
		this.fold = fold;
	}

	public long getFoldSeed() {
		return this.foldSeed;
	}

	public void setFoldSeed(long foldSeed) {
		this.foldSeed = foldSeed;
	}

	public @Nullable Integer getMaxQueries() {
		return this.maxQueries;
	}

	public void setMaxQueries(@Nullable Integer maxQueries) {
		this.maxQueries = maxQueries;
	}

	public String getSample() {
		return this.sample;
	}

	public void setSample(String sample) {
		this.sample = sample;
	}

	public long getSampleSeed() {
		return this.sampleSeed;
	}

	public void setSampleSeed(long sampleSeed) {
		this.sampleSeed = sampleSeed;
	}

	public SignificanceProperties getSignificance() {
		return this.significance;
	}

	public Path getOutput() {
		return this.output;
	}

	public void setOutput(Path output) {
		this.output = output;
	}

	public @Nullable String getAnswers() {
		return this.answers;
	}

	public void setAnswers(@Nullable String answers) {
		this.answers = answers;
	}

	public EmbeddingProperties getEmbedding() {
		return this.embedding;
	}

	public PostgresProperties getPostgres() {
		return this.postgres;
	}

	@Override
	public boolean supports(Class<?> type) {
		return EvalProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		EvalProperties properties = (EvalProperties) target;
		if (properties.getFirstStages().isEmpty()) {
			errors.rejectValue("firstStages", "empty", "eval.first-stages must name at least one first stage");
		}
		if (properties.getDepths().stream().anyMatch(depth -> depth == null || depth < 1)) {
			errors.rejectValue("depths", "range", "eval.depths must be positive integers");
		}
		int deepest = properties.getDepths()
			.stream()
			.filter(depth -> depth != null)
			.mapToInt(Integer::intValue)
			.max()
			.orElse(0);
		if (properties.getRetrievalDepth() < Math.max(100, deepest)) {
			errors.rejectValue("retrievalDepth", "range", "eval.retrieval-depth must be at least 100 and at least"
					+ " the largest of eval.depths (" + deepest + ")");
		}
		if (properties.getWarmupQueries() < 0) {
			errors.rejectValue("warmupQueries", "range", "eval.warmup-queries must not be negative");
		}
		if (properties.getMaxQueries() != null && properties.getMaxQueries() < 1) {
			errors.rejectValue("maxQueries", "range", "eval.max-queries must be at least 1");
		}
		if (properties.getFolds() == 1 || properties.getFolds() < 0) {
			errors.rejectValue("folds", "range", "eval.folds must be 0 (no folds) or at least 2");
		}
		else if (properties.getFolds() > 0
				&& (properties.getFold() < 0 || properties.getFold() >= properties.getFolds())) {
			errors.rejectValue("fold", "range", "eval.fold=" + properties.getFold() + " is not a fold of "
					+ properties.getFolds() + "; use 0 to " + (properties.getFolds() - 1));
		}
		if (!properties.getSample().trim().matches("(?i)first|random")) {
			errors.rejectValue("sample", "value",
					"eval.sample must be 'first' or 'random' but was '" + properties.getSample() + "'");
		}
		SignificanceProperties significance = properties.getSignificance();
		if (significance.getPermutations() < 1 || significance.getBootstrapSamples() < 1) {
			errors.rejectValue("significance", "range",
					"eval.significance.permutations and eval.significance.bootstrap-samples must be at least 1");
		}
		if (!(significance.getAlpha() > 0 && significance.getAlpha() < 1)) {
			errors.rejectValue("significance.alpha", "range", "eval.significance.alpha must be between 0 and 1");
		}
		if (!properties.getPostgres().getSchema().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
			errors.rejectValue("postgres.schema", "pattern",
					"eval.postgres.schema must be a plain SQL identifier (letters, digits, underscores)");
		}
		if (properties.getEmbedding().getMaxLength() < 1) {
			errors.rejectValue("embedding.maxLength", "range", "eval.embedding.max-length must be at least 1");
		}
		if (properties.getEmbedding().getBatchSize() < 1) {
			errors.rejectValue("embedding.batchSize", "range", "eval.embedding.batch-size must be at least 1");
		}
		if (properties.getEmbedding().getBatchTokens() < 0) {
			errors.rejectValue("embedding.batchTokens", "range",
					"eval.embedding.batch-tokens must be at least 0 (0: batches of eval.embedding.batch-size documents)");
		}
	}

}

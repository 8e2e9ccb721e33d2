package dev.reranker.autoconfigure.rag;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.reranker.retrieval.fusion.ArmFailureMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the auto-configured retrieval-augmentation advisor, under
 * {@code reranker.advisor.*}: first-stage retrieval (vector, and optionally keyword
 * search fused with reciprocal rank fusion) ahead of the reranker.
 */
@ConfigurationProperties(prefix = RerankerAdvisorProperties.PREFIX)
public class RerankerAdvisorProperties implements Validator {

	public static final String PREFIX = "reranker.advisor";

	/**
	 * Whether to auto-configure a RetrievalAugmentationAdvisor that retrieves from the
	 * VectorStore bean and reranks.
	 */
	private boolean enabled = true;

	/**
	 * Number of candidates each retrieval arm returns before fusion and reranking.
	 */
	private int candidates = 50;

	/**
	 * Minimum vector similarity, between 0 and 1, of a candidate. Unset accepts all, as
	 * Spring AI does.
	 */
	private @Nullable Double similarityThreshold;

	/**
	 * Whether the prompt may be built without context when retrieval and reranking leave
	 * no documents. When false, Spring AI's default asks the model to say the question is
	 * outside its knowledge.
	 */
	private boolean allowEmptyContext = false;

	/**
	 * What to do when one arm of the hybrid retrieval (vector or keyword) fails:
	 * 'continue' with the arms that answered, marking their documents with
	 * 'retrieval_failed_arms' and counting the failure in
	 * 'reranker.retrieval.arm.failures', or 'fail' the call.
	 */
	private ArmFailureMode armFailure = ArmFailureMode.CONTINUE;

	/**
	 * How long the hybrid retrieval (vector and keyword arms, run concurrently) waits for
	 * the arms. An arm that has not answered by then counts as failed, as set by
	 * 'reranker.advisor.arm-failure'.
	 */
	private Duration retrievalDeadline = Duration.ofSeconds(5);

	/**
	 * How to rewrite the question before retrieval and reranking: 'none', or
	 * 'compression' (the application's chat model turns the conversation and a follow-up
	 * question into a standalone one). The LLM still answers the question as asked.
	 */
	private QueryRewrite queryRewrite = QueryRewrite.NONE;

	private final Keyword keyword = new Keyword();

	private final Fusion fusion = new Fusion();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getCandidates() {
		return this.candidates;
	}

	public void setCandidates(int candidates) {
		this.candidates = candidates;
	}

	public @Nullable Double getSimilarityThreshold() {
		return this.similarityThreshold;
	}

	public void setSimilarityThreshold(@Nullable Double similarityThreshold) {
		this.similarityThreshold = similarityThreshold;
	}

	public boolean isAllowEmptyContext() {
		return this.allowEmptyContext;
	}

	public void setAllowEmptyContext(boolean allowEmptyContext) {
		this.allowEmptyContext = allowEmptyContext;
	}

	public ArmFailureMode getArmFailure() {
		return this.armFailure;
	}

	public void setArmFailure(ArmFailureMode armFailure) {
		this.armFailure = armFailure;
	}

	public Duration getRetrievalDeadline() {
		return this.retrievalDeadline;
	}

	public void setRetrievalDeadline(Duration retrievalDeadline) {
		this.retrievalDeadline = retrievalDeadline;
	}

	public QueryRewrite getQueryRewrite() {
		return this.queryRewrite;
	}

	public void setQueryRewrite(QueryRewrite queryRewrite) {
		this.queryRewrite = queryRewrite;
	}

	public Keyword getKeyword() {
		return this.keyword;
	}

	public Fusion getFusion() {
		return this.fusion;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RerankerAdvisorProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RerankerAdvisorProperties properties = (RerankerAdvisorProperties) target;
		if (properties.getCandidates() < 1) {
			errors.rejectValue("candidates", "reranker.advisor.candidates.range",
					"reranker.advisor.candidates must be at least 1");
		}
		Double threshold = properties.getSimilarityThreshold();
		if (threshold != null && !(threshold >= 0.0 && threshold <= 1.0)) {
			errors.rejectValue("similarityThreshold", "reranker.advisor.similarity-threshold.range",
					"reranker.advisor.similarity-threshold must be between 0 and 1");
		}
		Duration deadline = properties.getRetrievalDeadline();
		if (deadline == null || deadline.toMillis() < 1) {
			errors.rejectValue("retrievalDeadline", "reranker.advisor.retrieval-deadline.range",
					"reranker.advisor.retrieval-deadline must be positive (at least 1ms), such as 5s");
		}
		Keyword keyword = properties.getKeyword();
		Duration queryTimeout = keyword.getQueryTimeout();
		if (queryTimeout == null || queryTimeout.toMillis() < 1) {
			errors.rejectValue("keyword.queryTimeout", "reranker.advisor.keyword.query-timeout.range",
					"reranker.advisor.keyword.query-timeout must be positive (at least 1ms), such as 2s");
		}
		if (!(keyword.getK1() >= 0.0 && Double.isFinite(keyword.getK1()))) {
			errors.rejectValue("keyword.k1", "reranker.advisor.keyword.k1.range",
					"reranker.advisor.keyword.k1 must be a finite number >= 0");
		}
		if (!(keyword.getB() >= 0.0 && keyword.getB() <= 1.0)) {
			errors.rejectValue("keyword.b", "reranker.advisor.keyword.b.range",
					"reranker.advisor.keyword.b must be between 0 and 1");
		}
		if (keyword.getCandidateLimit() < properties.getCandidates()) {
			errors.rejectValue("keyword.candidateLimit", "reranker.advisor.keyword.candidate-limit.range",
					"reranker.advisor.keyword.candidate-limit must be at least reranker.advisor.candidates ("
							+ properties.getCandidates() + ")");
		}
		if (keyword.getMaxQueryTerms() < 1) {
			errors.rejectValue("keyword.maxQueryTerms", "reranker.advisor.keyword.max-query-terms.range",
					"reranker.advisor.keyword.max-query-terms must be at least 1");
		}
		if (keyword.getMaxQueryWords() < 1) {
			errors.rejectValue("keyword.maxQueryWords", "reranker.advisor.keyword.max-query-words.range",
					"reranker.advisor.keyword.max-query-words must be at least 1");
		}
		DataSize maxQuerySize = keyword.getMaxQuerySize();
		if (maxQuerySize == null || maxQuerySize.toBytes() < 1 || maxQuerySize.toBytes() > Integer.MAX_VALUE) {
			errors.rejectValue("keyword.maxQuerySize", "reranker.advisor.keyword.max-query-size.range",
					"reranker.advisor.keyword.max-query-size must be between 1B and 2GB, such as 16KB");
		}
		if (keyword.getTextSearchConfig() == null || keyword.getTextSearchConfig().isBlank()) {
			errors.rejectValue("keyword.textSearchConfig", "reranker.advisor.keyword.text-search-config.empty",
					"reranker.advisor.keyword.text-search-config must name a PostgreSQL text search configuration, "
							+ "such as english");
		}
		Fusion fusion = properties.getFusion();
		if (fusion.getK() < 0) {
			errors.rejectValue("fusion.k", "reranker.advisor.fusion.k.range", "reranker.advisor.fusion.k must be >= 0");
		}
		if (!(fusion.getVectorWeight() >= 0.0 && Double.isFinite(fusion.getVectorWeight()))) {
			errors.rejectValue("fusion.vectorWeight", "reranker.advisor.fusion.vector-weight.range",
					"reranker.advisor.fusion.vector-weight must be a finite number >= 0");
		}
		if (!(fusion.getKeywordWeight() >= 0.0 && Double.isFinite(fusion.getKeywordWeight()))) {
			errors.rejectValue("fusion.keywordWeight", "reranker.advisor.fusion.keyword-weight.range",
					"reranker.advisor.fusion.keyword-weight must be a finite number >= 0");
		}
	}

	/** Keyword (BM25 full-text) retrieval over the PgVectorStore table. */
	public static class Keyword {

		/**
		 * Whether to add keyword retrieval over the PgVectorStore table and fuse it with
		 * vector retrieval. Needs the VectorStore bean to be a PgVectorStore.
		 */
		private boolean enabled = false;

		/**
		 * Whether to create the keyword index (tsvector column, GIN index, BM25
		 * statistics tables and triggers) at start-up when it is missing.
		 */
		private boolean initializeSchema = false;

		/**
		 * PostgreSQL text search configuration (language) used to index and query, such
		 * as 'english', 'german' or 'simple'.
		 */
		private String textSearchConfig = "english";

		/**
		 * BM25 term-frequency saturation.
		 */
		private double k1 = 1.2;

		/**
		 * BM25 document-length normalization, between 0 (none) and 1 (full).
		 */
		private double b = 0.75;

		/**
		 * Maximum number of matching documents scored per query; bounds latency on large
		 * tables.
		 */
		private int candidateLimit = 1000;

		/**
		 * Maximum number of distinct query terms used; the rarest are kept.
		 */
		private int maxQueryTerms = 64;

		/**
		 * Maximum number of words of a question searched by the keyword arm; later words
		 * are ignored.
		 */
		private int maxQueryWords = 1024;

		/**
		 * Maximum size (UTF-8) of a question searched by the keyword arm, cut at the last
		 * word that fits. PostgreSQL rejects texts of about 1MB of distinct words.
		 */
		private DataSize maxQuerySize = DataSize.ofKilobytes(16);

		/**
		 * Statement timeout of a keyword query, applied with SET LOCAL statement_timeout
		 * in the query's own transaction. A query that waits longer, for example on a
		 * lock on the table, fails the keyword arm.
		 */
		private Duration queryTimeout = Duration.ofSeconds(2);

		/**
		 * Schema of the PgVectorStore table. When unset, the schema PgVectorStore is
		 * configured with (spring.ai.vectorstore.pgvector.schema-name).
		 */
		private @Nullable String schemaName;

		/**
		 * Name of the PgVectorStore table. When unset, the table PgVectorStore is
		 * configured with (spring.ai.vectorstore.pgvector.table-name).
		 */
		private @Nullable String tableName;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getTextSearchConfig() {
			return this.textSearchConfig;
		}

		public void setTextSearchConfig(String textSearchConfig) {
			this.textSearchConfig = textSearchConfig;
		}

		public double getK1() {
			return this.k1;
		}

		public void setK1(double k1) {
			this.k1 = k1;
		}

		public double getB() {
			return this.b;
		}

		public void setB(double b) {
			this.b = b;
		}

		public int getCandidateLimit() {
			return this.candidateLimit;
		}

		public void setCandidateLimit(int candidateLimit) {
			this.candidateLimit = candidateLimit;
		}

		public int getMaxQueryTerms() {
			return this.maxQueryTerms;
		}

		public void setMaxQueryTerms(int maxQueryTerms) {
			this.maxQueryTerms = maxQueryTerms;
		}

		public int getMaxQueryWords() {
			return this.maxQueryWords;
		}

		public void setMaxQueryWords(int maxQueryWords) {
			this.maxQueryWords = maxQueryWords;
		}

		public DataSize getMaxQuerySize() {
			return this.maxQuerySize;
		}

		public void setMaxQuerySize(DataSize maxQuerySize) {
			this.maxQuerySize = maxQuerySize;
		}

		public Duration getQueryTimeout() {
			return this.queryTimeout;
		}

		public void setQueryTimeout(Duration queryTimeout) {
			this.queryTimeout = queryTimeout;
		}

		public @Nullable String getSchemaName() {
			return this.schemaName;
		}

		public void setSchemaName(@Nullable String schemaName) {
			this.schemaName = schemaName;
		}

		public @Nullable String getTableName() {
			return this.tableName;
		}

		public void setTableName(@Nullable String tableName) {
			this.tableName = tableName;
		}

	}

	/** Reciprocal rank fusion of the vector and keyword lists. */
	public static class Fusion {

		/**
		 * Reciprocal rank fusion constant added to every rank; larger values flatten the
		 * difference between top and lower ranks.
		 */
		private int k = 60;

		/**
		 * Weight of the vector list in the fusion.
		 */
		private double vectorWeight = 1.0;

		/**
		 * Weight of the keyword list in the fusion.
		 */
		private double keywordWeight = 1.0;

		public int getK() {
			return this.k;
		}

		public void setK(int k) {
			this.k = k;
		}

		public double getVectorWeight() {
			return this.vectorWeight;
		}

		public void setVectorWeight(double vectorWeight) {
			this.vectorWeight = vectorWeight;
		}

		public double getKeywordWeight() {
			return this.keywordWeight;
		}

		public void setKeywordWeight(double keywordWeight) {
			this.keywordWeight = keywordWeight;
		}

	}

}

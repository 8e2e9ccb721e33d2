package dev.reranker.retrieval.keyword;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.reranker.retrieval.RetrievalDocumentMetadata;
import dev.reranker.retrieval.keyword.PgKeywordSearch.Bm25Parameters;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Keyword retrieval with Okapi BM25, computed inside PostgreSQL over the table that a
 * Spring AI {@code PgVectorStore} writes (its {@code id}, {@code content} and
 * {@code metadata} columns).
 * <p>
 * How a query runs:
 * <ol>
 * <li>The query text is bounded to its first {@code maxQueryWords} words and
 * {@code maxQueryBytes} bytes (the rest is ignored; the first trimmed query is logged at
 * DEBUG, without its text), then normalized with the configured text search configuration
 * ({@code to_tsvector}); its lexemes are looked up in the document-frequency table, and
 * the {@code maxQueryTerms} rarest are kept. Lexemes no document contains are
 * ignored.</li>
 * <li>Documents matching ANY of the lexemes are candidates (an OR query on the
 * GIN-indexed {@code content_tsv} column; PostgreSQL's {@code plainto_tsquery} would
 * require all of them and miss most documents for natural-language questions). To bound
 * latency on large tables, only the rarest lexemes whose document frequencies add up to
 * at most {@code candidateLimit} select candidates (at least the rarest one), and at most
 * {@code candidateLimit} candidates are scored. Documents that contain only very common
 * query terms may therefore be skipped on large tables; they would score low anyway.</li>
 * <li>Each candidate is scored with all kept lexemes:
 * {@code sum(qtf * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))} with
 * {@code idf = ln(1 + (N - df + 0.5) / (df + 0.5))}, {@code tf} the term's occurrences in
 * the document, {@code qtf} in the query, {@code dl} the document length in lexeme
 * occurrences (stop words excluded), {@code N} and {@code avgdl} over the whole
 * table.</li>
 * </ol>
 * Returned documents carry {@link RetrievalDocumentMetadata#KEYWORD_SCORE} (also their
 * {@link Document#getScore()}) and {@link RetrievalDocumentMetadata#KEYWORD_RANK}.
 * <p>
 * Filter expressions are honoured exactly like {@link VectorStoreDocumentRetriever} does:
 * the query context key {@link VectorStoreDocumentRetriever#FILTER_EXPRESSION} (a string
 * or a {@link Filter.Expression}) wins over the retriever's own filter, and both are
 * converted with Spring AI's {@code PgVectorFilterExpressionConverter}.
 * <p>
 * The keyword index (a generated {@code tsvector} column, its GIN index, a generated
 * length column, and statistics tables maintained by triggers on every write) is created
 * by {@link #afterPropertiesSet()} only when {@code initializeSchema} is on (off by
 * default); otherwise apply {@link #schemaDdl()} yourself (for example in a Flyway
 * migration) and call {@link #refreshStatistics()} once for rows that existed before. All
 * values reach SQL as bind parameters; identifiers are validated against a pattern.
 * <p>
 * Each call runs in a transaction of its own, or, inside a Spring-managed transaction on
 * the same DataSource, in a nested one (a savepoint): the caller's uncommitted rows are
 * visible, a failure leaves the caller's transaction usable, and the planner settings the
 * query needs are restored before the caller continues.
 * <p>
 * Each query runs with {@code SET LOCAL statement_timeout} ({@link Builder#queryTimeout},
 * 2 s by default), so a lock on the table or an overloaded database fails the query
 * quickly with {@link KeywordRetrievalException.Reason#TIMED_OUT} instead of blocking the
 * caller.
 */
public final class PgKeywordDocumentRetriever implements DocumentRetriever, InitializingBean {

	/** Default number of documents returned. */
	public static final int DEFAULT_TOP_K = 50;

	/** Default maximum number of candidate documents scored per query. */
	public static final int DEFAULT_CANDIDATE_LIMIT = 1000;

	/** Default maximum number of distinct query lexemes used. */
	public static final int DEFAULT_MAX_QUERY_TERMS = 64;

	/**
	 * Default maximum number of words of the query text searched; the rest is ignored.
	 */
	public static final int DEFAULT_MAX_QUERY_WORDS = 1024;

	/** Default maximum UTF-8 bytes of the query text searched; the rest is ignored. */
	public static final int DEFAULT_MAX_QUERY_BYTES = 16 * 1024;

	/**
	 * Default statement timeout of a keyword query (applied with
	 * {@code SET LOCAL statement_timeout}).
	 */
	public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);

	/** Default BM25 term-frequency saturation. */
	public static final double DEFAULT_K1 = 1.2;

	/** Default BM25 length normalization. */
	public static final double DEFAULT_B = 0.75;

	/** Default text search configuration. */
	public static final String DEFAULT_TEXT_SEARCH_CONFIG = "english";

	private final PgKeywordSchema schema;

	private final Bm25Parameters parameters;

	private final boolean initializeSchema;

	private final Supplier<Filter.@Nullable Expression> filterExpression;

	private final KeywordQueryBounds bounds;

	private final PgKeywordTransactions transactions;

	private final PgKeywordIndexMaintenance maintenance;

	private final PgKeywordSearch search;

	private PgKeywordDocumentRetriever(Builder builder) {
		Assert.isTrue(builder.topK >= 1,
				() -> "topK must be >= 1 (PgKeywordDocumentRetriever.Builder#topK) but was " + builder.topK);
		Assert.isTrue(builder.candidateLimit >= builder.topK,
				() -> "candidateLimit (" + builder.candidateLimit + ") must be >= topK (" + builder.topK
						+ ") (PgKeywordDocumentRetriever.Builder#candidateLimit, #topK)");
		Assert.isTrue(builder.maxQueryTerms >= 1,
				() -> "maxQueryTerms must be >= 1 (PgKeywordDocumentRetriever.Builder#maxQueryTerms) but was "
						+ builder.maxQueryTerms);
		Assert.isTrue(builder.maxQueryWords >= 1,
				() -> "maxQueryWords must be >= 1 (PgKeywordDocumentRetriever.Builder#maxQueryWords) but was "
						+ builder.maxQueryWords);
		Assert.isTrue(builder.maxQueryBytes >= 1,
				() -> "maxQueryBytes must be >= 1 (PgKeywordDocumentRetriever.Builder#maxQueryBytes) but was "
						+ builder.maxQueryBytes);
		Assert.isTrue(Double.isFinite(builder.k1) && builder.k1 >= 0,
				() -> "k1 must be >= 0 (PgKeywordDocumentRetriever.Builder#k1) but was " + builder.k1);
		Assert.isTrue(builder.b >= 0 && builder.b <= 1,
				() -> "b must be in [0, 1] (PgKeywordDocumentRetriever.Builder#b) but was " + builder.b);
		Assert.isTrue(builder.queryTimeout != null && builder.queryTimeout.toMillis() >= 1,
				() -> "queryTimeout must be at least 1 ms (PgKeywordDocumentRetriever.Builder#queryTimeout) but was "
						+ builder.queryTimeout);
		this.schema = new PgKeywordSchema(builder.schemaName, builder.tableName, builder.textSearchConfig);
		this.parameters = new Bm25Parameters(builder.topK, builder.candidateLimit, builder.maxQueryTerms, builder.k1,
				builder.b);
		this.initializeSchema = builder.initializeSchema;
		this.filterExpression = builder.filterExpression;
		this.bounds = new KeywordQueryBounds(builder.maxQueryWords, builder.maxQueryBytes,
				this.schema.qualifiedTable());
		this.transactions = new PgKeywordTransactions(builder.jdbcTemplate, this.schema.qualifiedTable(),
				builder.queryTimeout);
		this.maintenance = new PgKeywordIndexMaintenance(builder.jdbcTemplate, this.schema);
		this.search = new PgKeywordSearch(builder.jdbcTemplate, this.schema, this.parameters, builder.queryTimeout);
	}

	public static Builder builder(JdbcTemplate jdbcTemplate) {
		return new Builder(jdbcTemplate);
	}

	/**
	 * Creates or completes the keyword index when schema initialization is on; does
	 * nothing otherwise.
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.initializeSchema) {
			initializeSchema();
		}
	}

	/**
	 * Creates or completes the keyword index now (idempotent), whatever the
	 * {@code initializeSchema} setting, and rebuilds the statistics when the maintaining
	 * triggers were missing.
	 */
	public void initializeSchema() {
		this.transactions.runWithoutResult("initialize the keyword index", (status) -> this.maintenance.initialize());
	}

	/**
	 * Recounts the BM25 statistics (document frequencies, document count, total length)
	 * from the table's rows. Writes keep them current through triggers; call this after
	 * applying {@link #schemaDdl()} to a table that already held rows, or to repair them.
	 */
	public void refreshStatistics() {
		this.transactions.runWithoutResult("refresh the BM25 statistics",
				(status) -> this.maintenance.refreshStatistics());
	}

	/**
	 * The idempotent DDL that {@link #initializeSchema()} runs, for applying it with a
	 * migration tool instead.
	 * @return the SQL statements, in order
	 */
	public List<String> schemaDdl() {
		return this.schema.ddl();
	}

	@Override
	public List<Document> retrieve(Query query) {
		Assert.notNull(query, "query must not be null");
		String text = this.bounds.apply(query.text().replace('\u0000', ' '));
		if (!StringUtils.hasText(text)) {
			return List.of();
		}
		Filter.Expression filter = computeFilterExpression(query);
		String jsonPath = (filter != null) ? PgKeywordQueries.jsonPath(filter) : null;
		return this.transactions.run("run a keyword query", status -> this.search.search(status, text, jsonPath));
	}

	private Filter.@Nullable Expression computeFilterExpression(Query query) {
		Object contextFilter = query.context().get(VectorStoreDocumentRetriever.FILTER_EXPRESSION);
		if (contextFilter instanceof Filter.Expression expression) {
			return expression;
		}
		if (contextFilter != null && StringUtils.hasText(contextFilter.toString())) {
			return new FilterExpressionTextParser().parse(contextFilter.toString());
		}
		return this.filterExpression.get();
	}

	@Override
	public String toString() {
		return "PgKeywordDocumentRetriever[table=" + this.schema.qualifiedTable() + ", textSearchConfig="
				+ this.schema.textSearchConfig + ", k1=" + this.parameters.k1() + ", b=" + this.parameters.b()
				+ ", topK=" + this.parameters.topK() + ", candidateLimit=" + this.parameters.candidateLimit() + "]";
	}

	/** Builder for {@link PgKeywordDocumentRetriever}. */
	public static final class Builder {

		private final JdbcTemplate jdbcTemplate;

		private String schemaName = "public";

		private String tableName = "vector_store";

		private String textSearchConfig = DEFAULT_TEXT_SEARCH_CONFIG;

		private int topK = DEFAULT_TOP_K;

		private int candidateLimit = DEFAULT_CANDIDATE_LIMIT;

		private int maxQueryTerms = DEFAULT_MAX_QUERY_TERMS;

		private int maxQueryWords = DEFAULT_MAX_QUERY_WORDS;

		private int maxQueryBytes = DEFAULT_MAX_QUERY_BYTES;

		private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;

		private double k1 = DEFAULT_K1;

		private double b = DEFAULT_B;

		private boolean initializeSchema;

		private Supplier<Filter.@Nullable Expression> filterExpression = () -> null;

		private Builder(JdbcTemplate jdbcTemplate) {
			Assert.notNull(jdbcTemplate, "jdbcTemplate must not be null (PgKeywordDocumentRetriever#builder)");
			this.jdbcTemplate = jdbcTemplate;
		}

		/** Schema of the vector store table; {@code public} unless set. */
		public Builder schemaName(String schemaName) {
			this.schemaName = schemaName;
			return this;
		}

		/**
		 * The vector store table; {@code vector_store} (PgVectorStore's default) unless
		 * set.
		 */
		public Builder tableName(String tableName) {
			this.tableName = tableName;
			return this;
		}

		/**
		 * PostgreSQL text search configuration (language), {@code english} unless set.
		 */
		public Builder textSearchConfig(String textSearchConfig) {
			this.textSearchConfig = textSearchConfig;
			return this;
		}

		public Builder topK(int topK) {
			this.topK = topK;
			return this;
		}

		/** Maximum number of candidate documents scored per query. */
		public Builder candidateLimit(int candidateLimit) {
			this.candidateLimit = candidateLimit;
			return this;
		}

		/** Maximum number of distinct query lexemes used (the rarest win). */
		public Builder maxQueryTerms(int maxQueryTerms) {
			this.maxQueryTerms = maxQueryTerms;
			return this;
		}

		/**
		 * Maximum number of whitespace-separated words of the query text searched, 1024
		 * unless set; later words are ignored.
		 */
		public Builder maxQueryWords(int maxQueryWords) {
			this.maxQueryWords = maxQueryWords;
			return this;
		}

		/**
		 * Maximum size in UTF-8 bytes of the query text searched, 16 KiB unless set; the
		 * text is cut at the last word that fits. PostgreSQL rejects texts whose lexemes
		 * exceed 1 MB ({@code string is too long for tsvector}).
		 */
		public Builder maxQueryBytes(int maxQueryBytes) {
			this.maxQueryBytes = maxQueryBytes;
			return this;
		}

		/**
		 * Statement timeout of a keyword query, 2 s unless set, applied with
		 * {@code SET LOCAL statement_timeout} in the query's own transaction scope (a
		 * caller's transaction keeps its own value). A query that waits longer, for
		 * example on a lock on the table, fails with
		 * {@link KeywordRetrievalException.Reason#TIMED_OUT}.
		 */
		public Builder queryTimeout(Duration queryTimeout) {
			this.queryTimeout = queryTimeout;
			return this;
		}

		public Builder k1(double k1) {
			this.k1 = k1;
			return this;
		}

		public Builder b(double b) {
			this.b = b;
			return this;
		}

		/** Whether {@link #afterPropertiesSet()} creates the keyword index. */
		public Builder initializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
			return this;
		}

		public Builder filterExpression(Filter.@Nullable Expression filterExpression) {
			this.filterExpression = () -> filterExpression;
			return this;
		}

		public Builder filterExpression(Supplier<Filter.@Nullable Expression> filterExpression) {
			Assert.notNull(filterExpression,
					"filterExpression supplier must not be null (PgKeywordDocumentRetriever.Builder#filterExpression)");
			this.filterExpression = filterExpression;
			return this;
		}

		public PgKeywordDocumentRetriever build() {
			return new PgKeywordDocumentRetriever(this);
		}

	}

}

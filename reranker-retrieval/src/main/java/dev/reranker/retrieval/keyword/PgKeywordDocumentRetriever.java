package dev.reranker.retrieval.keyword;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.retrieval.RetrievalDocumentMetadata;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ConnectionCallback;
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
 * <li>The query text is normalized with the configured text search configuration
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
 */
public final class PgKeywordDocumentRetriever implements DocumentRetriever, InitializingBean {

	/** Default number of documents returned. */
	public static final int DEFAULT_TOP_K = 50;

	/** Default maximum number of candidate documents scored per query. */
	public static final int DEFAULT_CANDIDATE_LIMIT = 1000;

	/** Default maximum number of distinct query lexemes used. */
	public static final int DEFAULT_MAX_QUERY_TERMS = 64;

	/** Default BM25 term-frequency saturation. */
	public static final double DEFAULT_K1 = 1.2;

	/** Default BM25 length normalization. */
	public static final double DEFAULT_B = 0.75;

	/** Default text search configuration. */
	public static final String DEFAULT_TEXT_SEARCH_CONFIG = "english";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {
	};

	private final JdbcTemplate jdbcTemplate;

	private final PgKeywordSchema schema;

	private final int topK;

	private final int candidateLimit;

	private final int maxQueryTerms;

	private final double k1;

	private final double b;

	private final boolean initializeSchema;

	private final Supplier<Filter.@Nullable Expression> filterExpression;

	private final String termsSql;

	private final String statsSql;

	private final String searchSql;

	private final String filteredSearchSql;

	private PgKeywordDocumentRetriever(Builder builder) {
		Assert.notNull(builder.jdbcTemplate, "jdbcTemplate must not be null");
		Assert.isTrue(builder.topK >= 1, () -> "topK must be >= 1 but was " + builder.topK);
		Assert.isTrue(builder.candidateLimit >= builder.topK,
				() -> "candidateLimit (" + builder.candidateLimit + ") must be >= topK (" + builder.topK + ")");
		Assert.isTrue(builder.maxQueryTerms >= 1, () -> "maxQueryTerms must be >= 1 but was " + builder.maxQueryTerms);
		Assert.isTrue(Double.isFinite(builder.k1) && builder.k1 >= 0, () -> "k1 must be >= 0 but was " + builder.k1);
		Assert.isTrue(builder.b >= 0 && builder.b <= 1, () -> "b must be in [0, 1] but was " + builder.b);
		this.jdbcTemplate = builder.jdbcTemplate;
		this.schema = new PgKeywordSchema(builder.schemaName, builder.tableName, builder.textSearchConfig);
		this.topK = builder.topK;
		this.candidateLimit = builder.candidateLimit;
		this.maxQueryTerms = builder.maxQueryTerms;
		this.k1 = builder.k1;
		this.b = builder.b;
		this.initializeSchema = builder.initializeSchema;
		this.filterExpression = builder.filterExpression;
		this.termsSql = "SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) AS qtf, t.df"
				+ " FROM unnest(to_tsvector(CAST(? AS regconfig), ?)) u JOIN " + this.schema.termsTable()
				+ " t ON t.lexeme = u.lexeme WHERE t.df > 0 ORDER BY t.df, u.lexeme LIMIT ?";
		this.statsSql = "SELECT doc_count, total_length FROM " + this.schema.statsTable();
		this.searchSql = searchSql(false);
		this.filteredSearchSql = searchSql(true);
	}

	private String searchSql(boolean filtered) {
		String k1 = "CAST(? AS float8)";
		return "WITH w AS (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS float8[])) AS w(lexeme, weight)),"
				+ " cand AS (SELECT d.id, d.content, d.metadata, d." + PgKeywordSchema.TSVECTOR_COLUMN + " AS tsv, d."
				+ PgKeywordSchema.LENGTH_COLUMN + " AS len FROM " + this.schema.qualifiedTable() + " d WHERE d."
				+ PgKeywordSchema.TSVECTOR_COLUMN + " @@ CAST(? AS tsquery)"
				+ (filtered ? " AND d.metadata::jsonb @@ CAST(? AS jsonpath)" : "") + " LIMIT ?)"
				+ " SELECT c.id::text AS id, c.content, c.metadata::text AS metadata, s.score FROM cand c"
				+ " CROSS JOIN LATERAL (SELECT sum(w.weight * x.tf * (" + k1 + " + 1) / (x.tf + " + k1
				+ " * (1 - CAST(? AS float8) + CAST(? AS float8) * c.len / CAST(? AS float8)))) AS score"
				+ " FROM (SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1)::float8 AS tf"
				+ " FROM unnest(ts_filter(setweight(c.tsv, 'A', CAST(? AS text[])), '{a}')) u) x"
				+ " JOIN w ON w.lexeme = x.lexeme) s ORDER BY s.score DESC, c.id::text LIMIT ?";
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
		run("initialize the keyword index", connection -> {
			this.schema.initialize(connection);
			return Boolean.TRUE;
		});
	}

	/**
	 * Recounts the BM25 statistics (document frequencies, document count, total length)
	 * from the table's rows. Writes keep them current through triggers; call this after
	 * applying {@link #schemaDdl()} to a table that already held rows, or to repair them.
	 */
	public void refreshStatistics() {
		run("refresh the BM25 statistics", connection -> {
			this.schema.refreshStatistics(connection);
			return Boolean.TRUE;
		});
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
		String text = query.text().replace('\u0000', ' ');
		if (!StringUtils.hasText(text)) {
			return List.of();
		}
		Filter.Expression filter = computeFilterExpression(query);
		String jsonPath = (filter != null) ? JsonPathFilters.toJsonPath(filter) : null;
		return run("run a keyword query", connection -> search(connection, text, jsonPath));
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

	private List<Document> search(Connection connection, String text, @Nullable String jsonPath) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		if (autoCommit) {
			connection.setAutoCommit(false);
		}
		try {
			// The planner overestimates these queries; JIT compilation would cost far
			// more
			// than the query itself.
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL jit = off");
			}
			List<Document> documents = search0(connection, text, jsonPath);
			if (autoCommit) {
				connection.commit();
			}
			return documents;
		}
		catch (SQLException | RuntimeException ex) {
			if (autoCommit) {
				connection.rollback();
			}
			throw ex;
		}
		finally {
			if (autoCommit) {
				connection.setAutoCommit(true);
			}
		}
	}

	private List<Document> search0(Connection connection, String text, @Nullable String jsonPath) throws SQLException {
		long docCount;
		long totalLength;
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(this.statsSql)) {
			if (!rs.next()) {
				return List.of();
			}
			docCount = rs.getLong(1);
			totalLength = rs.getLong(2);
		}
		if (docCount <= 0 || totalLength <= 0) {
			return List.of();
		}
		List<String> lexemes = new ArrayList<>();
		List<Double> weights = new ArrayList<>();
		StringBuilder tsquery = new StringBuilder();
		try (PreparedStatement statement = connection.prepareStatement(this.termsSql)) {
			statement.setString(1, this.schema.textSearchConfig);
			statement.setString(2, text);
			statement.setInt(3, this.maxQueryTerms);
			try (ResultSet rs = statement.executeQuery()) {
				long cumulativeDf = 0;
				while (rs.next()) {
					String lexeme = rs.getString(1);
					int qtf = rs.getInt(2);
					long df = Math.min(rs.getLong(3), docCount);
					lexemes.add(lexeme);
					weights.add(qtf * idf(docCount, df));
					cumulativeDf += df;
					if (tsquery.isEmpty() || cumulativeDf <= this.candidateLimit) {
						if (!tsquery.isEmpty()) {
							tsquery.append(" | ");
						}
						tsquery.append(quoteLexeme(lexeme));
					}
				}
			}
		}
		if (lexemes.isEmpty()) {
			return List.of();
		}
		double averageLength = (double) totalLength / docCount;
		String sql = (jsonPath != null) ? this.filteredSearchSql : this.searchSql;
		List<Document> documents = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			Array lexemeArray = connection.createArrayOf("text", lexemes.toArray());
			int i = 1;
			statement.setArray(i++, lexemeArray);
			statement.setArray(i++, connection.createArrayOf("float8", weights.toArray()));
			statement.setString(i++, tsquery.toString());
			if (jsonPath != null) {
				statement.setString(i++, jsonPath);
			}
			statement.setInt(i++, this.candidateLimit);
			statement.setDouble(i++, this.k1);
			statement.setDouble(i++, this.k1);
			statement.setDouble(i++, this.b);
			statement.setDouble(i++, this.b);
			statement.setDouble(i++, averageLength);
			statement.setArray(i++, lexemeArray);
			statement.setInt(i, this.topK);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					documents.add(toDocument(rs, documents.size() + 1));
				}
			}
		}
		return documents;
	}

	private static double idf(long docCount, long df) {
		return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
	}

	/** Quotes a lexeme for the tsquery input syntax, so that it is taken literally. */
	static String quoteLexeme(String lexeme) {
		return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	private static Document toDocument(ResultSet rs, int rank) throws SQLException {
		double score = rs.getDouble("score");
		String json = rs.getString("metadata");
		Map<String, Object> metadata = new HashMap<>();
		if (json != null) {
			Map<String, Object> stored = JSON.readValue(json, MAP_TYPE);
			if (stored != null) {
				metadata.putAll(stored);
			}
		}
		metadata.put(RetrievalDocumentMetadata.KEYWORD_SCORE, score);
		metadata.put(RetrievalDocumentMetadata.KEYWORD_RANK, rank);
		String content = rs.getString("content");
		return Document.builder()
			.id(rs.getString("id"))
			.text(content != null ? content : "")
			.metadata(metadata)
			.score(score)
			.build();
	}

	private interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

	private <T> T run(String action, SqlWork<T> work) {
		try {
			return this.jdbcTemplate.execute((ConnectionCallback<T>) work::run);
		}
		catch (DataAccessResourceFailureException ex) {
			throw new KeywordRetrievalException("Could not " + action + " on " + this.schema.qualifiedTable()
					+ ": the database is unreachable (" + rootMessage(ex) + "). Check the DataSource URL, "
					+ "credentials and that PostgreSQL is running.", ex);
		}
		catch (BadSqlGrammarException ex) {
			SQLException cause = ex.getSQLException();
			String state = (cause != null) ? cause.getSQLState() : null;
			if ("42P01".equals(state) || "42703".equals(state)) {
				throw new KeywordRetrievalException("Could not " + action + " on " + this.schema.qualifiedTable()
						+ ": the keyword index is missing (" + rootMessage(ex) + "). Turn on schema initialization "
						+ "(reranker.advisor.keyword.initialize-schema=true, or initializeSchema(true) on the "
						+ "builder) or apply PgKeywordDocumentRetriever#schemaDdl() with your migration tool.", ex);
			}
			throw new KeywordRetrievalException(
					"Could not " + action + " on " + this.schema.qualifiedTable() + ": " + rootMessage(ex), ex);
		}
		catch (DataAccessException ex) {
			throw new KeywordRetrievalException(
					"Could not " + action + " on " + this.schema.qualifiedTable() + ": " + rootMessage(ex), ex);
		}
		catch (IllegalStateException ex) {
			throw new KeywordRetrievalException("Could not " + action + ": " + ex.getMessage(), ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return "PgKeywordDocumentRetriever[table=" + this.schema.qualifiedTable() + ", textSearchConfig="
				+ this.schema.textSearchConfig + ", k1=" + this.k1 + ", b=" + this.b + ", topK=" + this.topK
				+ ", candidateLimit=" + this.candidateLimit + "]";
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

		private double k1 = DEFAULT_K1;

		private double b = DEFAULT_B;

		private boolean initializeSchema;

		private Supplier<Filter.@Nullable Expression> filterExpression = () -> null;

		private Builder(JdbcTemplate jdbcTemplate) {
			Assert.notNull(jdbcTemplate, "jdbcTemplate must not be null");
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
			Assert.notNull(filterExpression, "filterExpression supplier must not be null");
			this.filterExpression = filterExpression;
			return this;
		}

		public PgKeywordDocumentRetriever build() {
			return new PgKeywordDocumentRetriever(this);
		}

	}

}

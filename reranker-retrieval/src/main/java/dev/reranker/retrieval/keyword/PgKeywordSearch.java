package dev.reranker.retrieval.keyword;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.retrieval.RetrievalDocumentMetadata;
import dev.reranker.retrieval.jdbc.TransactionLocalSettings;

import org.springframework.ai.document.Document;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;

/**
 * Runs one BM25 query of {@link PgKeywordQueries} and maps the rows to documents. Call
 * inside {@link PgKeywordTransactions#run}: {@code jit} is switched off and
 * {@code statement_timeout} set for the transaction scope, and restored when that scope
 * is a caller's transaction ({@link TransactionLocalSettings}).
 */
final class PgKeywordSearch {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {
	};

	private final Map<String, String> settings;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionLocalSettings localSettings;

	private final PgKeywordQueries queries;

	private final String textSearchConfig;

	private final Bm25Parameters parameters;

	PgKeywordSearch(JdbcTemplate jdbcTemplate, PgKeywordSchema schema, Bm25Parameters parameters,
			Duration queryTimeout) {
		// The planner overestimates these queries; JIT compilation would cost far more
		// than the query itself. The statement timeout bounds a query that waits on a
		// lock or an overloaded server instead of leaving the caller hanging for the
		// pool's connection timeout.
		this.settings = Map.of("jit", "off", "statement_timeout", queryTimeout.toMillis() + "ms");
		this.jdbcTemplate = jdbcTemplate;
		this.localSettings = new TransactionLocalSettings(jdbcTemplate);
		this.queries = new PgKeywordQueries(schema);
		this.textSearchConfig = schema.textSearchConfig;
		this.parameters = parameters;
	}

	/**
	 * Searches with {@code jit} off and the statement timeout set.
	 * @param status the transaction scope the search runs in
	 * @param text the query text, without NUL characters
	 * @param jsonPath the metadata filter, if any
	 * @return the documents, best first
	 */
	List<Document> search(TransactionStatus status, String text, @Nullable String jsonPath) {
		return this.localSettings.apply(status, this.settings, () -> search(text, jsonPath));
	}

	private List<Document> search(String text, @Nullable String jsonPath) {
		long[] stats = this.jdbcTemplate.query(this.queries.stats(),
				(rs) -> rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : new long[] { 0, 0 });
		if (stats == null || stats[0] <= 0 || stats[1] <= 0) {
			return List.of();
		}
		long docCount = stats[0];
		List<String> lexemes = new ArrayList<>();
		List<Double> weights = new ArrayList<>();
		List<String> candidateLexemes = new ArrayList<>();
		long[] cumulativeDf = { 0 };
		this.jdbcTemplate.query(this.queries.terms(), rs -> {
			String lexeme = rs.getString(1);
			long df = Math.min(rs.getLong(3), docCount);
			lexemes.add(lexeme);
			weights.add(rs.getInt(2) * idf(docCount, df));
			cumulativeDf[0] += df;
			// The rarest lexemes select the candidates, as long as their documents fit
			// the candidate limit; the rarest one always does.
			if (candidateLexemes.isEmpty() || cumulativeDf[0] <= this.parameters.candidateLimit()) {
				candidateLexemes.add(lexeme);
			}
		}, this.textSearchConfig, text, this.parameters.maxQueryTerms());
		if (lexemes.isEmpty()) {
			return List.of();
		}
		double averageLength = (double) stats[1] / docCount;
		List<Document> documents = new ArrayList<>();
		this.jdbcTemplate.query(connection -> {
			PreparedStatement statement = connection.prepareStatement(this.queries.search(jsonPath != null));
			Array lexemeArray = connection.createArrayOf("text", lexemes.toArray());
			int i = 1;
			statement.setArray(i++, lexemeArray);
			statement.setArray(i++, connection.createArrayOf("float8", weights.toArray()));
			statement.setString(i++, PgKeywordQueries.anyOf(candidateLexemes));
			if (jsonPath != null) {
				statement.setString(i++, jsonPath);
			}
			statement.setInt(i++, this.parameters.candidateLimit());
			statement.setDouble(i++, this.parameters.k1());
			statement.setDouble(i++, this.parameters.k1());
			statement.setDouble(i++, this.parameters.b());
			statement.setDouble(i++, this.parameters.b());
			statement.setDouble(i++, averageLength);
			statement.setArray(i++, lexemeArray);
			statement.setInt(i, this.parameters.topK());
			return statement;
		}, rs -> {
			documents.add(toDocument(rs, documents.size() + 1));
		});
		return documents;
	}

	private static double idf(long docCount, long df) {
		return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
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

	/** The BM25 and candidate-selection settings of a retriever. */
	record Bm25Parameters(int topK, int candidateLimit, int maxQueryTerms, double k1, double b) {
	}

}

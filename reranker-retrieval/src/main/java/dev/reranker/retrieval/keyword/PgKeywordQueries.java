package dev.reranker.retrieval.keyword;

import java.util.List;

import org.springframework.ai.vectorstore.filter.Filter;

/**
 * The statement text of a keyword query: BM25 statistics, the query's lexemes, the
 * scoring query (with or without a metadata filter). Only statement text;
 * {@link PgKeywordSearch} runs them. Every value is a bind parameter; the only
 * concatenated parts are identifiers validated by {@link PgKeywordSchema}.
 */
final class PgKeywordQueries {

	private final String stats;

	private final String terms;

	private final String search;

	private final String filteredSearch;

	PgKeywordQueries(PgKeywordSchema schema) {
		this.stats = "SELECT doc_count, total_length FROM " + schema.statsTable();
		this.terms = "SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) AS qtf, t.df"
				+ " FROM unnest(to_tsvector(CAST(? AS regconfig), ?)) u JOIN " + schema.termsTable()
				+ " t ON t.lexeme = u.lexeme WHERE t.df > 0 ORDER BY t.df, u.lexeme LIMIT ?";
		this.search = search(schema, false);
		this.filteredSearch = search(schema, true);
	}

	/** Document count and total length of the table. */
	String stats() {
		return this.stats;
	}

	/**
	 * The query's lexemes that some document contains, rarest first, with their
	 * occurrences in the query and their document frequency; bind the text search
	 * configuration, the query text and the maximum number of lexemes.
	 */
	String terms() {
		return this.terms;
	}

	/**
	 * The scoring query; bind, in order: lexemes ({@code text[]}), their weights
	 * ({@code float8[]}), the candidate tsquery, the JSON path (filtered only), the
	 * candidate limit, k1, k1, b, b, the average length, the lexemes again and topK.
	 * @param filtered whether the query has a metadata filter
	 * @return the statement
	 */
	String search(boolean filtered) {
		return filtered ? this.filteredSearch : this.search;
	}

	private static String search(PgKeywordSchema schema, boolean filtered) {
		String k1 = "CAST(? AS float8)";
		return "WITH w AS (SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS float8[])) AS w(lexeme, weight)),"
				+ " cand AS (SELECT d.id, d.content, d.metadata, d." + PgKeywordSchema.TSVECTOR_COLUMN + " AS tsv, d."
				+ PgKeywordSchema.LENGTH_COLUMN + " AS len FROM " + schema.qualifiedTable() + " d WHERE d."
				+ PgKeywordSchema.TSVECTOR_COLUMN + " @@ CAST(? AS tsquery)"
				+ (filtered ? " AND d.metadata::jsonb @@ CAST(? AS jsonpath)" : "") + " LIMIT ?)"
				+ " SELECT c.id::text AS id, c.content, c.metadata::text AS metadata, s.score FROM cand c"
				+ " CROSS JOIN LATERAL (SELECT sum(w.weight * x.tf * (" + k1 + " + 1) / (x.tf + " + k1
				+ " * (1 - CAST(? AS float8) + CAST(? AS float8) * c.len / CAST(? AS float8)))) AS score"
				+ " FROM (SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1)::float8 AS tf"
				+ " FROM unnest(ts_filter(setweight(c.tsv, 'A', CAST(? AS text[])), '{a}')) u) x"
				+ " JOIN w ON w.lexeme = x.lexeme) s ORDER BY s.score DESC, c.id::text LIMIT ?";
	}

	/**
	 * The SQL/JSON path that selects the filter's documents, bound as the filtered
	 * query's parameter.
	 */
	static String jsonPath(Filter.Expression filter) {
		return JsonPathFilters.toJsonPath(filter);
	}

	/** A tsquery that matches documents containing any of the lexemes. */
	static String anyOf(List<String> lexemes) {
		StringBuilder tsquery = new StringBuilder();
		for (String lexeme : lexemes) {
			if (!tsquery.isEmpty()) {
				tsquery.append(" | ");
			}
			tsquery.append(quoteLexeme(lexeme));
		}
		return tsquery.toString();
	}

	/** Quotes a lexeme for the tsquery input syntax, so that it is taken literally. */
	static String quoteLexeme(String lexeme) {
		return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
	}

}

package dev.reranker.retrieval.keyword;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Names, DDL and maintenance statements of the keyword index that lives beside a
 * {@code PgVectorStore} table: a stored {@code tsvector} column with a GIN index, a
 * stored document length, and BM25 statistics (document frequency per lexeme, document
 * count, total length) kept current by statement-level triggers. Only statement text: the
 * statements run in {@link PgKeywordIndexMaintenance}.
 * <p>
 * Identifiers are validated against a pattern before they reach SQL; they are used
 * unquoted, exactly as {@code PgVectorStore} uses them, so both fold to the same names.
 */
final class PgKeywordSchema {

	static final String TSVECTOR_COLUMN = "content_tsv";

	static final String LENGTH_COLUMN = "content_tsv_length";

	/** Leaves room for the longest suffix below within PostgreSQL's 63-byte names. */
	private static final Pattern TABLE_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,46}");

	private static final Pattern SCHEMA_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final Pattern CONFIG_PATTERN = Pattern
		.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

	final String schema;

	final String table;

	final String textSearchConfig;

	PgKeywordSchema(@Nullable String schema, @Nullable String table, @Nullable String textSearchConfig) {
		this.schema = validate(schema, SCHEMA_PATTERN, "schemaName");
		this.table = validate(table, TABLE_PATTERN, "tableName");
		this.textSearchConfig = validate(textSearchConfig, CONFIG_PATTERN, "textSearchConfig");
	}

	private static String validate(@Nullable String value, Pattern pattern, String name) {
		if (value == null || !pattern.matcher(value).matches()) {
			throw new IllegalArgumentException(name + " '" + value + "' is not a valid identifier "
					+ "(PgKeywordDocumentRetriever.Builder#" + name + "): use letters, digits and underscores, "
					+ "starting with a letter or underscore (pattern " + pattern.pattern() + ")");
		}
		return value;
	}

	String qualifiedTable() {
		return this.schema + "." + this.table;
	}

	String termsTable() {
		return this.schema + "." + this.table + "_bm25_terms";
	}

	String statsTable() {
		return this.schema + "." + this.table + "_bm25_stats";
	}

	private String lengthFunction() {
		return this.schema + "." + this.table + "_bm25_length";
	}

	private String maintainFunction() {
		return this.schema + "." + this.table + "_bm25_maintain";
	}

	private String trigger(String operation) {
		return this.table + "_bm25_" + operation;
	}

	/** The query that {@code ts_stat} runs to count document frequencies. */
	String tsStatQuery() {
		return "SELECT " + TSVECTOR_COLUMN + " FROM " + qualifiedTable();
	}

	/**
	 * The DDL that creates the keyword index; idempotent. The configuration literal is a
	 * validated identifier.
	 */
	List<String> ddl() {
		String tsvector = "to_tsvector('" + this.textSearchConfig + "'::regconfig, coalesce(content, ''))";
		String t = qualifiedTable();
		return List.of(
				"ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + TSVECTOR_COLUMN + " tsvector GENERATED ALWAYS AS ("
						+ tsvector + ") STORED",
				"CREATE OR REPLACE FUNCTION " + lengthFunction() + "(tsvector) RETURNS integer LANGUAGE sql IMMUTABLE "
						+ "STRICT PARALLEL SAFE AS $fn$ SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)"
						+ "::integer FROM unnest($1) $fn$",
				"ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + LENGTH_COLUMN + " integer GENERATED ALWAYS AS ("
						+ lengthFunction() + "(" + tsvector + ")) STORED",
				"CREATE INDEX IF NOT EXISTS " + this.table + "_" + TSVECTOR_COLUMN + "_idx ON " + t + " USING gin ("
						+ TSVECTOR_COLUMN + ")",
				"CREATE TABLE IF NOT EXISTS " + termsTable() + " (lexeme text PRIMARY KEY, df bigint NOT NULL)",
				"CREATE TABLE IF NOT EXISTS " + statsTable() + " (singleton boolean PRIMARY KEY DEFAULT true "
						+ "CHECK (singleton), doc_count bigint NOT NULL, total_length bigint NOT NULL, "
						+ "text_search_config text NOT NULL)",
				"INSERT INTO " + statsTable() + " (singleton, doc_count, total_length, text_search_config) VALUES "
						+ "(true, 0, 0, '" + this.textSearchConfig + "') ON CONFLICT (singleton) DO NOTHING",
				maintainFunctionDdl(), "DROP TRIGGER IF EXISTS " + trigger("insert") + " ON " + t,
				"CREATE TRIGGER " + trigger("insert") + " AFTER INSERT ON " + t
						+ " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION " + maintainFunction()
						+ "()",
				"DROP TRIGGER IF EXISTS " + trigger("update") + " ON " + t,
				"CREATE TRIGGER " + trigger("update") + " AFTER UPDATE ON " + t
						+ " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
						+ maintainFunction() + "()",
				"DROP TRIGGER IF EXISTS " + trigger("delete") + " ON " + t,
				"CREATE TRIGGER " + trigger("delete") + " AFTER DELETE ON " + t
						+ " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION " + maintainFunction()
						+ "()",
				"DROP TRIGGER IF EXISTS " + trigger("truncate") + " ON " + t,
				"CREATE TRIGGER " + trigger("truncate") + " AFTER TRUNCATE ON " + t
						+ " FOR EACH STATEMENT EXECUTE FUNCTION " + maintainFunction() + "()");
	}

	// Writers first lock the single statistics row, so concurrent writers to the table
	// serialize here instead of deadlocking on term rows.
	private String maintainFunctionDdl() {
		String terms = termsTable();
		String stats = statsTable();
		return "CREATE OR REPLACE FUNCTION " + maintainFunction() + "() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
				+ "BEGIN\n" + "  PERFORM 1 FROM " + stats + " WHERE singleton FOR UPDATE;\n"
				+ "  IF TG_OP = 'TRUNCATE' THEN\n" + "    DELETE FROM " + terms + ";\n" + "    UPDATE " + stats
				+ " SET doc_count = 0, total_length = 0;\n" + "    RETURN NULL;\n" + "  END IF;\n"
				+ "  IF TG_OP IN ('UPDATE', 'DELETE') THEN\n" + "    UPDATE " + terms
				+ " t SET df = t.df - o.n FROM (SELECT u.lexeme, count(*) AS n FROM old_rows r"
				+ " CROSS JOIN LATERAL unnest(r." + TSVECTOR_COLUMN
				+ ") u GROUP BY u.lexeme) o WHERE t.lexeme = o.lexeme;\n" + "    UPDATE " + stats
				+ " SET doc_count = doc_count - (SELECT count(*) FROM old_rows),"
				+ " total_length = total_length - (SELECT coalesce(sum(" + LENGTH_COLUMN + "), 0) FROM old_rows);\n"
				+ "  END IF;\n" + "  IF TG_OP IN ('INSERT', 'UPDATE') THEN\n" + "    INSERT INTO " + terms
				+ " AS t (lexeme, df) SELECT u.lexeme, count(*) FROM new_rows r" + " CROSS JOIN LATERAL unnest(r."
				+ TSVECTOR_COLUMN + ") u GROUP BY u.lexeme"
				+ " ON CONFLICT (lexeme) DO UPDATE SET df = t.df + EXCLUDED.df;\n" + "    UPDATE " + stats
				+ " SET doc_count = doc_count + (SELECT count(*) FROM new_rows),"
				+ " total_length = total_length + (SELECT coalesce(sum(" + LENGTH_COLUMN + "), 0) FROM new_rows);\n"
				+ "  END IF;\n" + "  RETURN NULL;\n" + "END\n" + "$fn$";
	}

	/** Takes the advisory lock that serializes index maintenance across instances. */
	String lockStatement() {
		return "SELECT pg_advisory_xact_lock(hashtext(?))";
	}

	String lockKey() {
		return "reranker-keyword-index:" + qualifiedTable().toLowerCase();
	}

	/** Whether {@link #qualifiedTable()} exists; bind the table name. */
	String tableExistsQuery() {
		return "SELECT to_regclass(?) IS NOT NULL";
	}

	/**
	 * Counts the insert trigger ({@code 0} or {@code 1}); bind the table and
	 * {@link #insertTrigger()}.
	 */
	String triggerCountQuery() {
		return "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(?) AND tgname = lower(?)";
	}

	String insertTrigger() {
		return trigger("insert");
	}

	/**
	 * Counts the text search configurations named like {@link #textSearchConfig}; bind
	 * {@link #textSearchConfigName()}, then {@link #textSearchConfigNamespace()} twice.
	 */
	String textSearchConfigCountQuery() {
		return "SELECT count(*) FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace"
				+ " WHERE c.cfgname = lower(?) AND (CAST(? AS text) IS NULL AND pg_ts_config_is_visible(c.oid)"
				+ " OR n.nspname = lower(?))";
	}

	String textSearchConfigName() {
		return this.textSearchConfig.substring(this.textSearchConfig.indexOf('.') + 1);
	}

	@Nullable String textSearchConfigNamespace() {
		int dot = this.textSearchConfig.indexOf('.');
		return (dot > 0) ? this.textSearchConfig.substring(0, dot) : null;
	}

	/** The text search configuration the existing index was built with. */
	String indexTextSearchConfigQuery() {
		return "SELECT text_search_config FROM " + statsTable();
	}

	/**
	 * The statements that recount all statistics from the table's rows, in order; the
	 * third takes {@link #tsStatQuery()} as its parameter.
	 */
	List<String> rebuildStatisticsStatements() {
		return List.of("SELECT 1 FROM " + statsTable() + " WHERE singleton FOR UPDATE", "DELETE FROM " + termsTable(),
				"INSERT INTO " + termsTable() + " (lexeme, df) SELECT word, ndoc FROM ts_stat(?)",
				"UPDATE " + statsTable() + " SET doc_count = (SELECT count(*) FROM " + qualifiedTable()
						+ "), total_length = (SELECT coalesce(sum(" + LENGTH_COLUMN + "), 0) FROM " + qualifiedTable()
						+ ")");
	}

}

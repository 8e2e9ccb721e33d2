package dev.reranker.retrieval.keyword;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reranker.retrieval.keyword.KeywordRetrievalException.Reason;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the statements of {@link PgKeywordSchema}: creates or completes the keyword index
 * and recounts its statistics. Call inside {@link PgKeywordTransactions#run}: the
 * advisory lock and the statistics rebuild need one transaction.
 */
final class PgKeywordIndexMaintenance {

	private final JdbcTemplate jdbcTemplate;

	private final PgKeywordSchema schema;

	PgKeywordIndexMaintenance(JdbcTemplate jdbcTemplate, PgKeywordSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.schema = schema;
	}

	/**
	 * Creates or completes the keyword index (serialized across instances by an advisory
	 * lock) and rebuilds the statistics when the triggers were not in place before.
	 */
	void initialize() {
		lock();
		if (!Boolean.TRUE.equals(this.jdbcTemplate.queryForObject(this.schema.tableExistsQuery(), Boolean.class,
				this.schema.qualifiedTable()))) {
			throw new KeywordRetrievalException(Reason.TABLE_MISSING, "Could not initialize the keyword index: table "
					+ this.schema.qualifiedTable() + " does not exist. Create it first (for example with "
					+ "PgVectorStore's schema initialization), or point PgKeywordDocumentRetriever.Builder#schemaName "
					+ "and #tableName at the vector store's table.", null);
		}
		checkTextSearchConfigExists();
		boolean maintained = count(this.schema.triggerCountQuery(), this.schema.qualifiedTable(),
				this.schema.insertTrigger()) > 0;
		for (String statement : this.schema.ddl()) {
			this.jdbcTemplate.execute(statement);
		}
		checkConfigMatchesIndex();
		if (!maintained) {
			rebuildStatistics();
		}
	}

	/** Recounts all statistics from the table's rows. */
	void refreshStatistics() {
		lock();
		rebuildStatistics();
	}

	private void rebuildStatistics() {
		List<String> statements = this.schema.rebuildStatisticsStatements();
		this.jdbcTemplate.execute(statements.get(0));
		this.jdbcTemplate.update(statements.get(1));
		this.jdbcTemplate.update(statements.get(2), this.schema.tsStatQuery());
		this.jdbcTemplate.update(statements.get(3));
	}

	private void lock() {
		this.jdbcTemplate.query(this.schema.lockStatement(), rs -> {
		}, this.schema.lockKey());
	}

	private void checkTextSearchConfigExists() {
		String namespace = this.schema.textSearchConfigNamespace();
		if (count(this.schema.textSearchConfigCountQuery(), this.schema.textSearchConfigName(), namespace,
				namespace) == 0) {
			throw new KeywordRetrievalException(Reason.UNKNOWN_TEXT_SEARCH_CONFIG,
					"Text search configuration '" + this.schema.textSearchConfig
							+ "' does not exist in this database. Pick one listed by "
							+ "\"SELECT cfgname FROM pg_ts_config\" (for example english, simple, german) for "
							+ "PgKeywordDocumentRetriever.Builder#textSearchConfig.",
					null);
		}
	}

	private void checkConfigMatchesIndex() {
		List<String> built = this.jdbcTemplate.queryForList(this.schema.indexTextSearchConfigQuery(), String.class);
		if (!built.isEmpty() && !this.schema.textSearchConfig.equals(built.get(0))) {
			throw new KeywordRetrievalException(Reason.TEXT_SEARCH_CONFIG_MISMATCH, "The keyword index of "
					+ this.schema.qualifiedTable() + " was built with text search " + "configuration '" + built.get(0)
					+ "' but '" + this.schema.textSearchConfig + "' is configured; use '" + built.get(0)
					+ "' (PgKeywordDocumentRetriever.Builder#textSearchConfig), or drop the columns "
					+ PgKeywordSchema.TSVECTOR_COLUMN + ", " + PgKeywordSchema.LENGTH_COLUMN + " and the tables "
					+ this.schema.termsTable() + ", " + this.schema.statsTable() + " to rebuild it", null);
		}
	}

	private long count(String query, @Nullable Object... args) {
		Long count = this.jdbcTemplate.queryForObject(query, Long.class, args);
		return (count != null) ? count : 0;
	}

}

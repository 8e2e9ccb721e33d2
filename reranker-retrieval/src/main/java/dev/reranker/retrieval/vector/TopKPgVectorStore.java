package dev.reranker.retrieval.vector;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.retrieval.jdbc.TransactionLocalSettings;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A view of a {@link PgVectorStore} whose similarity searches return the {@code topK}
 * rows asked for. Without it, pgvector's approximate indexes cap every scan: with
 * PgVectorStore's default HNSW index, {@code hnsw.ef_search} (40 by default) rows at
 * most, so asking for 100 candidates returns 40, silently.
 * <p>
 * Each search runs in a transaction scope of its own (a savepoint inside a caller's
 * Spring-managed transaction on the same DataSource) with the index scan settings sized
 * to the request ({@code hnsw.ef_search}, {@code ivfflat.probes}, pgvector 0.8's
 * iterative scans; see {@link TransactionLocalSettings}): they apply to this search only
 * and are set back to the caller's values afterwards. Writes, deletes and everything else
 * go to the store unchanged. Use it wherever searches happen, for example
 * {@code VectorStoreDocumentRetriever.builder().vectorStore(TopKPgVectorStore.builder(store).build())}.
 * <p>
 * A failed search throws a {@link VectorRetrievalException} that names the table and the
 * database's reason, without the SQL statement Spring's exceptions carry (logged at
 * DEBUG).
 * <p>
 * Limits: HNSW returns at most 1000 rows per scan before pgvector 0.8; from 0.8 the scan
 * continues up to {@code hnsw.max_scan_tuples} (20,000 by default) visited rows.
 */
public final class TopKPgVectorStore implements VectorStore {

	private static final Logger logger = LoggerFactory.getLogger(TopKPgVectorStore.class);

	private final VectorStore delegate;

	private final TransactionTemplate transactions;

	private final TransactionLocalSettings localSettings;

	private final PgVectorScanSettings scanSettings;

	private final String qualifiedTable;

	private TopKPgVectorStore(Builder builder) {
		Assert.hasText(builder.schemaName, "schemaName must not be blank (TopKPgVectorStore.Builder#schemaName)");
		Assert.hasText(builder.tableName, "tableName must not be blank (TopKPgVectorStore.Builder#tableName)");
		this.delegate = builder.delegate;
		this.qualifiedTable = builder.schemaName + "." + builder.tableName;
		this.transactions = TransactionLocalSettings.nestedTransactionTemplate(builder.jdbcTemplate,
				"TopKPgVectorStore#builder");
		this.localSettings = new TransactionLocalSettings(builder.jdbcTemplate);
		this.scanSettings = new PgVectorScanSettings(builder.jdbcTemplate, this.qualifiedTable);
	}

	/**
	 * A builder for a view of the store, searching with its own JdbcTemplate, on the
	 * schema and table the store is configured with.
	 * @param store the store
	 * @return the builder
	 */
	public static Builder builder(PgVectorStore store) {
		Assert.notNull(store, "store must not be null (TopKPgVectorStore#builder)");
		JdbcTemplate jdbcTemplate = store.<JdbcTemplate>getNativeClient()
			.orElseThrow(() -> new IllegalArgumentException("the PgVectorStore exposes no JdbcTemplate"));
		Builder builder = new Builder(store, jdbcTemplate);
		// The store names its schema and table only in its observation context.
		VectorStoreObservationContext context = store.createObservationContextBuilder("query").build();
		String schema = context.getNamespace();
		String table = context.getCollectionName();
		if (schema != null && StringUtils.hasText(schema)) {
			builder.schemaName(schema);
		}
		if (table != null && StringUtils.hasText(table)) {
			builder.tableName(table);
		}
		return builder;
	}

	/**
	 * A builder for any store whose searches run on pgvector through the JdbcTemplate's
	 * DataSource; name its schema and table unless they are PgVectorStore's defaults
	 * ({@code public}, {@code vector_store}).
	 * @param store the store
	 * @param jdbcTemplate the JdbcTemplate the store searches with
	 * @return the builder
	 */
	public static Builder builder(VectorStore store, JdbcTemplate jdbcTemplate) {
		Assert.notNull(store, "store must not be null (TopKPgVectorStore#builder)");
		Assert.notNull(jdbcTemplate, "jdbcTemplate must not be null (TopKPgVectorStore#builder)");
		return new Builder(store, jdbcTemplate);
	}

	@Override
	public List<Document> similaritySearch(SearchRequest request) {
		Assert.notNull(request, "request must not be null");
		List<Document> documents;
		try {
			documents = this.transactions.execute(status -> {
				Map<String, String> settings = this.scanSettings.forSearch(request.getTopK(),
						request.hasFilterExpression());
				return this.localSettings.apply(status, settings, () -> this.delegate.similaritySearch(request));
			});
		}
		catch (DataAccessException | TransactionException ex) {
			throw translate(ex);
		}
		return (documents != null) ? documents : List.of();
	}

	/**
	 * Spring's exception messages carry the whole SQL statement ({@code bad SQL grammar
	 * [SELECT ...]}); it goes to DEBUG only, the message keeps the database's reason.
	 */
	private VectorRetrievalException translate(RuntimeException ex) {
		logger.debug("Vector search on {} failed", this.qualifiedTable, ex);
		SQLException sqlException = sqlException(ex);
		String state = (sqlException != null) ? sqlException.getSQLState() : null;
		String reason = (sqlException != null) ? firstLine(sqlException.getMessage()) : ex.getClass().getSimpleName();
		return new VectorRetrievalException("Vector search on " + this.qualifiedTable + " (PgVectorStore) failed: "
				+ reason + ((state != null) ? " (SQLState " + state + ")" : "")
				+ ". Check that the table exists with PgVectorStore's columns and dimensions"
				+ " (spring.ai.vectorstore.pgvector.schema-name, table-name, dimensions; initialize-schema=true"
				+ " creates it) and that the DataSource reaches the database. The SQL statement is logged at DEBUG by "
				+ TopKPgVectorStore.class.getName() + ".", state, sqlException);
	}

	private static @Nullable SQLException sqlException(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof SQLException sqlException) {
				return sqlException;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no reason given";
		}
		int end = message.indexOf('\n');
		return ((end >= 0) ? message.substring(0, end) : message).trim();
	}

	@Override
	public void add(List<Document> documents) {
		this.delegate.add(documents);
	}

	@Override
	public void delete(List<String> idList) {
		this.delegate.delete(idList);
	}

	@Override
	public void delete(Filter.Expression filterExpression) {
		this.delegate.delete(filterExpression);
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public <T> Optional<T> getNativeClient() {
		return this.delegate.getNativeClient();
	}

	/** The store the searches go to. */
	public VectorStore getDelegate() {
		return this.delegate;
	}

	@Override
	public String toString() {
		return "TopKPgVectorStore[table=" + this.qualifiedTable + ", store=" + this.delegate + "]";
	}

	/** Builder for {@link TopKPgVectorStore}. */
	public static final class Builder {

		private final VectorStore delegate;

		private final JdbcTemplate jdbcTemplate;

		private String schemaName = PgVectorStore.DEFAULT_SCHEMA_NAME;

		private String tableName = PgVectorStore.DEFAULT_TABLE_NAME;

		private Builder(VectorStore delegate, JdbcTemplate jdbcTemplate) {
			this.delegate = delegate;
			this.jdbcTemplate = jdbcTemplate;
		}

		/**
		 * Schema of the store's table; the PgVectorStore's, else {@code public}, unless
		 * set.
		 */
		public Builder schemaName(String schemaName) {
			this.schemaName = schemaName;
			return this;
		}

		/**
		 * The store's table; the PgVectorStore's, else {@code vector_store}, unless set.
		 */
		public Builder tableName(String tableName) {
			this.tableName = tableName;
			return this;
		}

		public TopKPgVectorStore build() {
			return new TopKPgVectorStore(this);
		}

	}

}

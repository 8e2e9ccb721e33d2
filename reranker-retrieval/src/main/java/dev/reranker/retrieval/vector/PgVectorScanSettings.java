package dev.reranker.retrieval.vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.retrieval.jdbc.TransactionLocalSettings;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Works out the pgvector settings with which an approximate index scan on one table
 * returns {@code topK} rows: it reads the table's {@code hnsw} and {@code ivfflat}
 * indexes from the catalog and the session's current values, and never lowers a value the
 * session already has.
 * <ul>
 * <li>HNSW: {@code hnsw.ef_search} (default 40) caps the rows one scan returns; it is
 * raised to {@code topK}, at most 1000 (pgvector's maximum). From pgvector 0.8 on,
 * {@code hnsw.iterative_scan = strict_order} lets the scan continue past that (for
 * filters, similarity thresholds and {@code topK} above 1000) in exact distance order, up
 * to {@code hnsw.max_scan_tuples}.</li>
 * <li>IVFFlat: {@code ivfflat.probes} (default 1) lists are searched; it is raised to
 * about twice the lists {@code topK} rows fill (from the table's row estimate), at least
 * {@code sqrt(lists)} (pgvector's advice for recall), all of them when the table was
 * never analyzed. From pgvector 0.8 on, a filtered search adds
 * {@code ivfflat.iterative_scan = relaxed_order} (IVFFlat has no strict order): rows come
 * back nearly, not exactly, in distance order.</li>
 * </ul>
 */
final class PgVectorScanSettings {

	static final String EF_SEARCH = "hnsw.ef_search";

	static final String HNSW_ITERATIVE_SCAN = "hnsw.iterative_scan";

	static final String PROBES = "ivfflat.probes";

	static final String IVFFLAT_ITERATIVE_SCAN = "ivfflat.iterative_scan";

	/** pgvector's default and maximum {@code hnsw.ef_search}. */
	static final int DEFAULT_EF_SEARCH = 40;

	static final int MAX_EF_SEARCH = 1000;

	private static final Logger logger = LoggerFactory.getLogger(PgVectorScanSettings.class);

	private static final Pattern LISTS = Pattern.compile("(?:^|,)lists=(\\d+)");

	private static final String INDEXES = "SELECT am.amname, array_to_string(c.reloptions, ','), t.reltuples,"
			+ " (SELECT extversion FROM pg_extension WHERE extname = 'vector')"
			+ " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
			+ " JOIN pg_class t ON t.oid = i.indrelid"
			+ " WHERE i.indrelid = to_regclass(?) AND am.amname IN ('hnsw', 'ivfflat')";

	private final JdbcTemplate jdbcTemplate;

	private final TransactionLocalSettings localSettings;

	private final String qualifiedTable;

	private final AtomicBoolean warnedAboutEfSearchLimit = new AtomicBoolean();

	PgVectorScanSettings(JdbcTemplate jdbcTemplate, String qualifiedTable) {
		this.jdbcTemplate = jdbcTemplate;
		this.localSettings = new TransactionLocalSettings(jdbcTemplate);
		this.qualifiedTable = qualifiedTable;
	}

	/**
	 * The settings for one search; empty when the table has no approximate index (an
	 * exact scan returns every row asked for).
	 * @param topK the rows asked for
	 * @param filtered whether the search has a metadata filter
	 * @return the settings, by name
	 */
	Map<String, String> forSearch(int topK, boolean filtered) {
		List<Index> indexes = indexes();
		Map<String, String> settings = new LinkedHashMap<>();
		if (indexes.isEmpty()) {
			return settings;
		}
		boolean iterative = iterativeScans(indexes.get(0).version());
		Map<String, @Nullable String> current = this.localSettings
			.current(List.of(EF_SEARCH, HNSW_ITERATIVE_SCAN, PROBES, IVFFLAT_ITERATIVE_SCAN));
		for (Index index : indexes) {
			if (index.hnsw()) {
				hnsw(topK, iterative, current, settings);
			}
			else {
				ivfflat(index, topK, filtered, iterative, current, settings);
			}
		}
		return settings;
	}

	private void hnsw(int topK, boolean iterative, Map<String, @Nullable String> current,
			Map<String, String> settings) {
		int efSearch = Math.min(MAX_EF_SEARCH, Math.max(topK, intValue(current.get(EF_SEARCH), DEFAULT_EF_SEARCH)));
		settings.put(EF_SEARCH, Integer.toString(efSearch));
		if (iterative) {
			if (isOff(current.get(HNSW_ITERATIVE_SCAN))) {
				settings.put(HNSW_ITERATIVE_SCAN, "strict_order");
			}
		}
		else if (topK > MAX_EF_SEARCH && this.warnedAboutEfSearchLimit.compareAndSet(false, true)) {
			logger.warn("An HNSW index scan on {} returns at most {} rows before pgvector 0.8, but {} were asked for;"
					+ " update the vector extension (ALTER EXTENSION vector UPDATE) for iterative scans, or ask"
					+ " for fewer", this.qualifiedTable, MAX_EF_SEARCH, topK);
		}
	}

	private static void ivfflat(Index index, int topK, boolean filtered, boolean iterative,
			Map<String, @Nullable String> current, Map<String, String> settings) {
		int lists = index.lists();
		int wanted = lists;
		if (index.rows() > 0) {
			double rowsPerList = index.rows() / lists;
			// Lists are filled unevenly: search twice what topK rows would fill.
			wanted = (int) Math.min(lists, Math.ceil(2.0 * topK / Math.max(rowsPerList, 1.0)));
		}
		// pgvector's advice for recall, sqrt(lists), is the least.
		wanted = Math.max(wanted, (int) Math.ceil(Math.sqrt(lists)));
		int probes = Math.max(wanted, intValue(current.get(PROBES), 1));
		settings.put(PROBES, Integer.toString(probes));
		if (filtered && iterative && isOff(current.get(IVFFLAT_ITERATIVE_SCAN))) {
			settings.put(IVFFLAT_ITERATIVE_SCAN, "relaxed_order");
		}
	}

	private List<Index> indexes() {
		List<Index> indexes = new ArrayList<>();
		this.jdbcTemplate.query(INDEXES, rs -> {
			String method = rs.getString(1);
			String options = rs.getString(2);
			String version = rs.getString(4);
			indexes.add(new Index("hnsw".equals(method), lists(options), rs.getDouble(3),
					(version != null) ? version : "0"));
		}, this.qualifiedTable);
		return indexes;
	}

	/** IVFFlat's {@code lists} storage parameter; pgvector's default is 100. */
	private static int lists(@Nullable String options) {
		if (options != null) {
			Matcher matcher = LISTS.matcher(options);
			if (matcher.find()) {
				return Math.max(1, Integer.parseInt(matcher.group(1)));
			}
		}
		return 100;
	}

	/** Iterative index scans came with pgvector 0.8.0. */
	static boolean iterativeScans(String version) {
		String[] parts = version.split("\\.");
		int major = intValue(parts[0], 0);
		int minor = (parts.length > 1) ? intValue(parts[1], 0) : 0;
		return major > 0 || minor >= 8;
	}

	private static boolean isOff(@Nullable String value) {
		return value == null || value.isEmpty() || "off".equals(value);
	}

	private static int intValue(@Nullable String value, int otherwise) {
		if (value == null) {
			return otherwise;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	/**
	 * One approximate index of the table.
	 *
	 * @param hnsw whether it is HNSW (else IVFFlat)
	 * @param lists IVFFlat's number of lists
	 * @param rows the planner's row estimate of the table, -1 or 0 when unknown
	 * @param version the vector extension's version
	 */
	private record Index(boolean hnsw, int lists, double rows, String version) {
	}

}

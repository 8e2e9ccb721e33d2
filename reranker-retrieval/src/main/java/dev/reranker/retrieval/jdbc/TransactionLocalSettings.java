package dev.reranker.retrieval.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Changes PostgreSQL settings (planner, pgvector) for one piece of work only, the way
 * {@code SET LOCAL} does, and makes sure they never leak into a caller's transaction.
 * <p>
 * Use it inside a transaction scope from {@link #nestedTransactionTemplate}: without a
 * Spring-managed transaction on the DataSource, the work gets a new transaction and
 * PostgreSQL drops the local settings when it ends. Inside a caller's transaction the
 * work runs in a savepoint; a failure rolls the savepoint back and with it the settings,
 * but a released savepoint keeps them until the caller's transaction ends, so after
 * successful work the caller's values are set back.
 */
public final class TransactionLocalSettings {

	private static final String RESET_VALUE = "SELECT reset_val FROM pg_settings WHERE name = ?";

	private final JdbcTemplate jdbcTemplate;

	public TransactionLocalSettings(JdbcTemplate jdbcTemplate) {
		Assert.notNull(jdbcTemplate, "jdbcTemplate must not be null");
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * A transaction template on the JdbcTemplate's DataSource that starts a transaction,
	 * or a nested one (a savepoint) inside a caller's Spring-managed transaction.
	 * @param jdbcTemplate the template whose DataSource the work uses
	 * @param owner who asks, for the message when the JdbcTemplate has no DataSource
	 * @return the transaction template
	 */
	public static TransactionTemplate nestedTransactionTemplate(JdbcTemplate jdbcTemplate, String owner) {
		DataSource dataSource = jdbcTemplate.getDataSource();
		Assert.notNull(dataSource, () -> "the JdbcTemplate needs a DataSource (" + owner + ")");
		TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		return template;
	}

	/**
	 * The current values of settings, {@code null} for a setting the session does not
	 * know (for example pgvector's before its library is loaded).
	 * @param names the setting names
	 * @return the values by name, in the given order
	 */
	public Map<String, @Nullable String> current(Collection<String> names) {
		Map<String, @Nullable String> values = new LinkedHashMap<>();
		if (names.isEmpty()) {
			return values;
		}
		List<String> ordered = new ArrayList<>(names);
		String sql = "SELECT " + String.join(", ", Collections.nCopies(ordered.size(), "current_setting(?, true)"));
		this.jdbcTemplate.query(sql, rs -> {
			for (int i = 0; i < ordered.size(); i++) {
				values.put(ordered.get(i), rs.getString(i + 1));
			}
		}, ordered.toArray());
		return values;
	}

	/**
	 * Runs work with settings changed for the transaction scope, then sets a caller's
	 * values back.
	 * @param status the transaction scope, from {@link #nestedTransactionTemplate}
	 * @param settings the values to set, by name; none runs the work as is
	 * @param work what runs with them
	 * @return the work's result
	 */
	public <T> T apply(TransactionStatus status, Map<String, String> settings, Supplier<T> work) {
		if (settings.isEmpty()) {
			return work.get();
		}
		Map<String, @Nullable String> caller = status.isNewTransaction() ? Map.of() : current(settings.keySet());
		set(settings);
		T result = work.get();
		restore(caller);
		return result;
	}

	private @Nullable String resetValue(String name) {
		List<String> values = this.jdbcTemplate.queryForList(RESET_VALUE, String.class, name);
		return values.isEmpty() ? null : values.get(0);
	}

	private void set(Map<String, String> settings) {
		List<Object> arguments = new ArrayList<>(settings.size() * 2);
		settings.forEach((name, value) -> {
			arguments.add(name);
			arguments.add(value);
		});
		String sql = "SELECT " + String.join(", ", Collections.nCopies(settings.size(), "set_config(?, ?, true)"));
		this.jdbcTemplate.query(sql, rs -> {
		}, arguments.toArray());
	}

	private void restore(Map<String, @Nullable String> caller) {
		Map<String, String> values = new LinkedHashMap<>();
		caller.forEach((name, value) -> {
			// A setting the session did not know before the work (an extension's, whose
			// library the work loaded) goes back to its session default.
			String restored = (value != null) ? value : resetValue(name);
			if (restored != null) {
				values.put(name, restored);
			}
		});
		if (!values.isEmpty()) {
			set(values);
		}
	}

}

package dev.reranker.retrieval.keyword;

import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.pgvector.PgVectorFilterExpressionConverter;

/**
 * Turns a Spring AI filter expression into the SQL/JSON path that {@code PgVectorStore}
 * applies to its {@code metadata} column, so both retrieval arms filter identically.
 * Spring AI's converter renders the path as an escaped SQL literal; it is unwrapped here
 * so that it can be bound as a parameter instead of being concatenated into SQL.
 */
final class JsonPathFilters {

	private static final String PREFIX = "metadata::jsonb @@ '";

	private static final String SUFFIX = "'::jsonpath";

	private JsonPathFilters() {
	}

	static String toJsonPath(Filter.Expression expression) {
		String sql = new PgVectorFilterExpressionConverter("metadata").convertExpression(expression);
		if (!sql.startsWith(PREFIX) || !sql.endsWith(SUFFIX) || sql.length() < PREFIX.length() + SUFFIX.length()) {
			throw new IllegalStateException("Unexpected output of Spring AI's PgVectorFilterExpressionConverter for "
					+ expression + ": " + sql + "; this Spring AI version is not supported by the keyword retriever");
		}
		return sql.substring(PREFIX.length(), sql.length() - SUFFIX.length()).replace("''", "'");
	}

}

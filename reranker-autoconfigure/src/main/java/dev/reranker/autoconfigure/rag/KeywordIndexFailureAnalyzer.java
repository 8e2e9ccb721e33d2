package dev.reranker.autoconfigure.rag;

import dev.reranker.retrieval.keyword.KeywordRetrievalException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link KeywordRetrievalException} at start-up (schema initialization of the
 * keyword arm) in terms of the {@code reranker.advisor.keyword.*} and
 * {@code spring.ai.vectorstore.pgvector.*} properties; the library's message names the
 * builder methods.
 */
class KeywordIndexFailureAnalyzer extends AbstractFailureAnalyzer<KeywordRetrievalException> {

	private static final String KEYWORD = RerankerAdvisorProperties.PREFIX + ".keyword.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeywordRetrievalException cause) {
		return new FailureAnalysis("The keyword retrieval arm could not start: " + cause.getMessage(),
				action(cause.getReason()), cause);
	}

	private static String action(KeywordRetrievalException.Reason reason) {
		return switch (reason) {
			case DATABASE_UNREACHABLE ->
				"Check spring.datasource.url, spring.datasource.username and spring.datasource.password, and that "
						+ "PostgreSQL is running.";
			case TABLE_MISSING -> "Let PgVectorStore create its table (spring.ai.vectorstore.pgvector.initialize-schema"
					+ "=true), or point " + KEYWORD + "schema-name and " + KEYWORD + "table-name (by default "
					+ "spring.ai.vectorstore.pgvector.schema-name and table-name) at the existing table.";
			case INDEX_MISSING -> "Set " + KEYWORD + "initialize-schema=true, or apply "
					+ "PgKeywordDocumentRetriever#schemaDdl() with your migration tool.";
			case UNKNOWN_TEXT_SEARCH_CONFIG -> "Set " + KEYWORD + "text-search-config to a configuration listed by "
					+ "\"SELECT cfgname FROM pg_ts_config\" (for example english, simple, german).";
			case TEXT_SEARCH_CONFIG_MISMATCH -> "Set " + KEYWORD + "text-search-config to the configuration the "
					+ "index was built with, or drop the keyword index (see above) so that " + KEYWORD
					+ "initialize-schema=true rebuilds it.";
			case QUERY_REJECTED -> "Lower " + KEYWORD + "max-query-size or " + KEYWORD + "max-query-words, so that "
					+ "PostgreSQL accepts the query text.";
			case TIMED_OUT -> "Raise " + KEYWORD + "query-timeout, or find what holds a lock on the table or slows "
					+ "the database down.";
			case STATEMENT_FAILED -> "Check the keyword retrieval settings (" + KEYWORD + "*) against the database, "
					+ "or set " + KEYWORD + "enabled=false.";
		};
	}

}

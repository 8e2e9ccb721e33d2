package dev.reranker.autoconfigure.rag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankModel;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.retrieval.keyword.KeywordRetrievalException;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;
import dev.reranker.testfixtures.postgres.PostgresExtension;

import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures of the keyword arm's schema initialization on a real PostgreSQL: the
 * library speaks in builder methods, the analysis in the properties a Boot user sets.
 */
class KeywordIndexFailureAnalyzerTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private ApplicationContextRunner contextRunner(String table, boolean createTable) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
			.withBean(PgVectorStore.class,
					() -> PgVectorStore.builder(postgres.jdbcTemplate(), MiniLmEmbeddingModel.get())
						.schemaName(postgres.schema())
						.vectorTableName(table)
						.dimensions(MiniLmEmbeddingModel.DIMENSIONS)
						.initializeSchema(createTable)
						.build())
			.withBean(RerankModel.class, TermOverlapRerankModel::new)
			.withPropertyValues("reranker.advisor.keyword.enabled=true",
					"reranker.advisor.keyword.initialize-schema=true",
					"spring.ai.vectorstore.pgvector.schema-name=" + postgres.schema(),
					"spring.ai.vectorstore.pgvector.table-name=" + table);
	}

	@Test
	void aMissingTableNamesThePropertiesThatCreateOrPointAtIt() {
		contextRunner("no_such_table", false).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(KeywordRetrievalException.class)
				.hasMessageContaining("PgKeywordDocumentRetriever.Builder#schemaName");
			FailureAnalysis analysis = new KeywordIndexFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(postgres.schema() + ".no_such_table does not exist");
			assertThat(analysis.getAction()).contains("spring.ai.vectorstore.pgvector.initialize-schema=true")
				.contains("reranker.advisor.keyword.table-name")
				.doesNotContain("Builder#");
		});
	}

	@Test
	void anUnknownTextSearchConfigurationNamesTheProperty() {
		contextRunner("analyzer_docs", true).withPropertyValues("reranker.advisor.keyword.text-search-config=klingon")
			.run(context -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new KeywordIndexFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'klingon' does not exist");
				assertThat(analysis.getAction()).contains("reranker.advisor.keyword.text-search-config");
			});
	}

}

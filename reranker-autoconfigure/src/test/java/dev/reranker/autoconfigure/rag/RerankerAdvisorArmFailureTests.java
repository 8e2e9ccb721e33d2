package dev.reranker.autoconfigure.rag;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankModel;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.retrieval.RetrievalDocumentMetadata;
import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.RetrievalArmException;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;
import dev.reranker.testfixtures.postgres.RetrievalCorpus;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The advisor on PostgreSQL when the keyword arm fails (its index was never created on
 * the table): by default it answers from the vector arm, marks the documents and counts
 * the failure; with {@code reranker.advisor.arm-failure=fail} the call fails naming the
 * arm and the cause. A 1 MB question is bounded instead of failing the keyword arm.
 */
class RerankerAdvisorArmFailureTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	/** The keyword index is never created on this table. */
	private static final String TABLE = "arm_failure_docs";

	private static final String HUGE_QUERY_TABLE = "huge_query_docs";

	@BeforeAll
	static void ingest() {
		RetrievalCorpus.ingest(postgres.jdbcTemplate(), postgres.schema(), TABLE, MiniLmEmbeddingModel.get());
		RetrievalCorpus.ingest(postgres.jdbcTemplate(), postgres.schema(), HUGE_QUERY_TABLE,
				MiniLmEmbeddingModel.get());
	}

	private final RerankerAdvisorChatClientTests.CapturingChatModel chatModel = new RerankerAdvisorChatClientTests.CapturingChatModel();

	private final ApplicationContextRunner contextRunner = runner(TABLE, MiniLmEmbeddingModel.get());

	private static ApplicationContextRunner runner(String table, EmbeddingModel embeddingModel) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
			.withBean(PgVectorStore.class,
					() -> PgVectorStore.builder(postgres.jdbcTemplate(), embeddingModel)
						.schemaName(postgres.schema())
						.vectorTableName(table)
						.dimensions(MiniLmEmbeddingModel.DIMENSIONS)
						.build())
			.withBean(RerankModel.class, TermOverlapRerankModel::new)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("reranker.top-n=3", "reranker.advisor.keyword.enabled=true",
					"spring.ai.vectorstore.pgvector.schema-name=" + postgres.schema(),
					"spring.ai.vectorstore.pgvector.table-name=" + table);
	}

	private static double keywordFailures(ApplicationContext context) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find(FusionDocumentRetriever.FAILURES_METER)
			.tag("arm", "keyword")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void aFailingKeywordArmLeavesTheVectorResultsMarkedAndCounted() {
		this.contextRunner.run(context -> {
			List<Document> documents = AdvisorCalls
				.documents(AdvisorCalls.ask(this.chatModel, context, RetrievalCorpus.CODE_QUESTION));

			assertThat(documents).hasSize(3)
				.allSatisfy(document -> assertThat(document.getMetadata())
					.containsEntry(RetrievalDocumentMetadata.FAILED_ARMS, List.of("keyword"))
					.containsKey("distance")
					.doesNotContainKey(RetrievalDocumentMetadata.KEYWORD_SCORE));
			assertThat(keywordFailures(context)).isEqualTo(1.0);
			assertThat(this.chatModel.lastUserText()).contains(RetrievalCorpus.CODE_QUESTION);
		});
	}

	@Test
	void failModeSurfacesTheArmAndTheCause() {
		this.contextRunner.withPropertyValues("reranker.advisor.arm-failure=fail").run(context -> {
			assertThatException()
				.isThrownBy(() -> AdvisorCalls.ask(this.chatModel, context, RetrievalCorpus.CODE_QUESTION))
				.satisfies(ex -> assertThat(ex).rootCause().hasMessageContaining("does not exist"))
				.satisfies(ex -> {
					RetrievalArmException armFailure = find(ex, RetrievalArmException.class);
					assertThat(armFailure.getArm()).isEqualTo("keyword");
					assertThat(armFailure).hasMessageContaining("The 'keyword' arm of the hybrid retrieval failed")
						.hasMessageContaining("the keyword index is missing")
						.hasMessageContaining("reranker.advisor.arm-failure=continue");
				});
			assertThat(keywordFailures(context)).isEqualTo(1.0);
			assertThat(this.chatModel.prompts).isEmpty();
		});
	}

	@Test
	void aOneMegabyteQuestionIsBoundedInsteadOfFailingTheKeywordArm() {
		// The query's vector comes from a cheap stand-in: the test is about the keyword
		// arm, and a 1 MB text is the embedding model's problem.
		runner(HUGE_QUERY_TABLE, RandomVectorTable.EMBEDDING_MODEL)
			.withPropertyValues("reranker.advisor.keyword.initialize-schema=true")
			.run(context -> {
				StringBuilder question = new StringBuilder("QX-7731");
				for (int i = 0; question.length() < 1_000_000; i++) {
					question.append(" w").append(Integer.toString(i, 36));
				}

				List<Document> documents = AdvisorCalls
					.documents(AdvisorCalls.ask(this.chatModel, context, question.toString()));

				assertThat(keywordFailures(context)).isZero();
				assertThat(documents).isNotEmpty()
					.noneSatisfy(document -> assertThat(document.getMetadata())
						.containsKey(RetrievalDocumentMetadata.FAILED_ARMS));
				assertThat(documents).extracting(Document::getText).contains(RetrievalCorpus.CODE_DOCUMENT);
			});
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + ex, ex);
	}

}

package dev.reranker.autoconfigure.rag;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankModel;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.retrieval.RetrievalDocumentMetadata;
import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.RetrievalArmException;
import dev.reranker.retrieval.vector.VectorRetrievalException;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;
import dev.reranker.testfixtures.postgres.RetrievalCorpus;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The advisor on PostgreSQL when an arm hangs or its table is gone: a keyword arm blocked
 * by a lock misses the retrieval deadline and the vector arm's results come back marked
 * (or, with {@code arm-failure=fail}, the call fails naming the arm and the deadline); a
 * vector arm whose table was dropped fails with a message without SQL text.
 */
class RerankerAdvisorDeadlineTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "deadline_docs";

	private static final String DROPPED_TABLE = "dropped_vector_docs";

	private final RerankerAdvisorChatClientTests.CapturingChatModel chatModel = new RerankerAdvisorChatClientTests.CapturingChatModel();

	private Connection lockHolder;

	@BeforeAll
	static void ingest() {
		RetrievalCorpus.ingest(postgres.jdbcTemplate(), postgres.schema(), TABLE, MiniLmEmbeddingModel.get());
	}

	/**
	 * Releases the lock and waits for the late keyword arm (still running on its own
	 * thread after the deadline) to finish, so that it does not race the schema's
	 * removal.
	 */
	@AfterEach
	void releaseLock() throws SQLException, InterruptedException {
		if (this.lockHolder == null) {
			return;
		}
		this.lockHolder.rollback();
		this.lockHolder.close();
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < until && lateArmQueries() > 0) {
			Thread.sleep(50);
		}
	}

	private static int lateArmQueries() {
		Integer count = postgres.jdbcTemplate()
			.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
					+ " AND state <> 'idle' AND query LIKE ?", Integer.class, "%" + TABLE + "\\_bm25%");
		return (count != null) ? count : 0;
	}

	private static ApplicationContextRunner runner(String table, EmbeddingModel embeddingModel) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
			.withBean(PgVectorStore.class,
					() -> PgVectorStore.builder(postgres.jdbcTemplate(), embeddingModel)
						.schemaName(postgres.schema())
						.vectorTableName(table)
						.dimensions((embeddingModel == RandomVectorTable.EMBEDDING_MODEL) ? RandomVectorTable.DIMENSIONS
								: MiniLmEmbeddingModel.DIMENSIONS)
						.build())
			.withBean(RerankModel.class, TermOverlapRerankModel::new)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("reranker.top-n=3", "spring.ai.vectorstore.pgvector.schema-name=" + postgres.schema(),
					"spring.ai.vectorstore.pgvector.table-name=" + table);
	}

	private static ApplicationContextRunner hybrid() {
		// The keyword query waits on the lock longer than the deadline.
		return runner(TABLE, MiniLmEmbeddingModel.get()).withPropertyValues("reranker.advisor.keyword.enabled=true",
				"reranker.advisor.keyword.initialize-schema=true", "reranker.advisor.keyword.query-timeout=20s",
				"reranker.advisor.retrieval-deadline=500ms");
	}

	/**
	 * Locks the keyword arm's statistics table (the vector arm does not read it) from a
	 * second connection, in a transaction left open.
	 */
	private void lockKeywordStatistics() throws SQLException {
		this.lockHolder = postgres.dataSource().getConnection();
		this.lockHolder.setAutoCommit(false);
		try (Statement statement = this.lockHolder.createStatement()) {
			statement.execute("LOCK TABLE " + postgres.schema() + "." + TABLE + "_bm25_stats IN ACCESS EXCLUSIVE MODE");
		}
	}

	@Test
	void aBlockedKeywordArmMissesTheDeadlineAndTheVectorResultsComeBackMarked() {
		hybrid().run(context -> {
			lockKeywordStatistics();
			long started = System.nanoTime();

			List<Document> documents = AdvisorCalls
				.documents(AdvisorCalls.ask(this.chatModel, context, RetrievalCorpus.CODE_QUESTION));

			// Without the deadline the call would wait for the lock (here up to the 20 s
			// query timeout).
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(documents).hasSize(3)
				.allSatisfy(document -> assertThat(document.getMetadata())
					.containsEntry(RetrievalDocumentMetadata.FAILED_ARMS, List.of("keyword"))
					.containsKey("distance"));
			Counter timeouts = context.getBean(MeterRegistry.class)
				.find(FusionDocumentRetriever.FAILURES_METER)
				.tag("arm", "keyword")
				.tag("exception", "timeout")
				.counter();
			assertThat(timeouts).isNotNull();
			assertThat(timeouts.count()).isEqualTo(1.0);
		});
	}

	@Test
	void withFailABlockedKeywordArmFailsTheCallNamingTheArmAndTheDeadline() {
		hybrid().withPropertyValues("reranker.advisor.arm-failure=fail").run(context -> {
			lockKeywordStatistics();

			assertThatException()
				.isThrownBy(() -> AdvisorCalls.ask(this.chatModel, context, RetrievalCorpus.CODE_QUESTION))
				.satisfies(ex -> {
					RetrievalArmException armFailure = find(ex, RetrievalArmException.class);
					assertThat(armFailure.getArm()).isEqualTo("keyword");
					assertThat(armFailure).hasMessageContaining("'keyword' arm")
						.hasMessageContaining("retrieval deadline of 500 ms")
						.hasMessageContaining("reranker.advisor.retrieval-deadline");
				});
			assertThat(this.chatModel.prompts).isEmpty();
		});
	}

	@Test
	void aVectorArmWhoseTableWasDroppedFailsWithoutSqlText() {
		RandomVectorTable.hnsw(postgres.jdbcTemplate(), postgres.schema(), DROPPED_TABLE, 10);
		runner(DROPPED_TABLE, RandomVectorTable.EMBEDDING_MODEL).run(context -> {
			postgres.jdbcTemplate().execute("DROP TABLE " + postgres.schema() + "." + DROPPED_TABLE);

			assertThatException().isThrownBy(() -> AdvisorCalls.ask(this.chatModel, context, "turbine blade"))
				.satisfies(ex -> {
					VectorRetrievalException failure = find(ex, VectorRetrievalException.class);
					assertThat(failure).hasMessageContaining(postgres.schema() + "." + DROPPED_TABLE)
						.hasMessageContaining("PgVectorStore")
						.hasMessageContaining("spring.ai.vectorstore.pgvector.");
					for (Throwable current = ex; current != null; current = current.getCause()) {
						assertThat(String.valueOf(current.getMessage())).doesNotContainIgnoringCase("SELECT")
							.doesNotContain("bad SQL grammar");
					}
				});
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

package dev.reranker.autoconfigure.rag;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankModel;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Retrieve wide" on PgVectorStore's default HNSW index over 5,000 distinct
 * 384-dimensional vectors: with {@code reranker.advisor.candidates=100} the reranker gets
 * 100 candidates, where the store's plain search stops at {@code hnsw.ef_search} (40).
 */
class RerankerAdvisorWideRetrievalTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "wide_docs";

	@BeforeAll
	static void createTable() {
		RandomVectorTable.hnsw(postgres.jdbcTemplate(), postgres.schema(), TABLE, 5000);
	}

	private final CountingRerankModel rerankModel = new CountingRerankModel();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
		.withBean(PgVectorStore.class, () -> RandomVectorTable.store(postgres.jdbcTemplate(), postgres.schema(), TABLE))
		.withBean(RerankModel.class, () -> this.rerankModel)
		.withPropertyValues("reranker.advisor.candidates=100", "reranker.max-candidates=100", "reranker.top-n=5");

	@Test
	void theRerankerGetsTheHundredCandidatesAskedFor() {
		this.contextRunner.run(context -> {
			PgVectorStore store = context.getBean(PgVectorStore.class);
			assertThat(VectorStoreDocumentRetriever.builder()
				.vectorStore(store)
				.topK(100)
				.build()
				.retrieve(new Query("wind turbine maintenance"))).as("the store's own search")
				.hasSizeLessThanOrEqualTo(40);

			DocumentRetriever firstStage = context
				.getBean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME, DocumentRetriever.class);
			assertThat(firstStage.retrieve(new Query("wind turbine maintenance"))).hasSize(100);

			ChatClient.builder(new RerankerAdvisorChatClientTests.CapturingChatModel())
				.build()
				.prompt()
				.advisors(context.getBean(RetrievalAugmentationAdvisor.class))
				.user("wind turbine maintenance")
				.call()
				.content();

			assertThat(this.rerankModel.candidateCounts).containsExactly(100);
		});
	}

	/** Term overlap scores, recording how many documents each call had. */
	static final class CountingRerankModel implements RerankModel {

		final List<Integer> candidateCounts = new CopyOnWriteArrayList<>();

		private final TermOverlapRerankModel delegate = new TermOverlapRerankModel();

		@Override
		public RerankResponse call(RerankRequest request) {
			this.candidateCounts.add(request.documents().size());
			return this.delegate.call(request);
		}

	}

}

package dev.reranker.autoconfigure.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.RerankModel;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RetrievalCorpus;
import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.ReciprocalRankFusionDocumentJoiner;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured advisor in a ChatClient, end to end on PostgreSQL: PgVectorStore
 * with a real embedding model, the BM25 keyword arm on the same table, reciprocal rank
 * fusion, reranking with a deterministic term-overlap model, and a capturing ChatModel
 * that receives the augmented prompt.
 */
class RerankerAdvisorChatClientTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	private static final String TABLE = "advisor_docs";

	@BeforeAll
	static void ingest() {
		RetrievalCorpus.ingest(postgres.jdbcTemplate(), postgres.schema(), TABLE, MiniLmEmbeddingModel.get());
	}

	private final CapturingChatModel chatModel = new CapturingChatModel();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
		// The table exists already: this store neither creates nor drops it.
		.withBean(PgVectorStore.class,
				() -> PgVectorStore.builder(postgres.jdbcTemplate(), MiniLmEmbeddingModel.get())
					.schemaName(postgres.schema())
					.vectorTableName(TABLE)
					.dimensions(MiniLmEmbeddingModel.DIMENSIONS)
					.build())
		.withBean(RerankModel.class, TermOverlapRerankModel::new)
		.withPropertyValues("reranker.top-n=3", "spring.ai.vectorstore.pgvector.schema-name=" + postgres.schema(),
				"spring.ai.vectorstore.pgvector.table-name=" + TABLE);

	@Test
	void thePromptHoldsExactlyTheRerankedTopNInRerankOrderWithTheQuestion() {
		this.contextRunner
			.withPropertyValues("reranker.advisor.keyword.enabled=true",
					"reranker.advisor.keyword.initialize-schema=true")
			.run(context -> {
				RetrievalAugmentationAdvisor advisor = context.getBean(RetrievalAugmentationAdvisor.class);
				assertThat(context.getBean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME))
					.isInstanceOf(FusionDocumentRetriever.class);
				String question = RetrievalCorpus.CODE_QUESTION;

				String answer = ChatClient.builder(this.chatModel)
					.build()
					.prompt()
					.advisors(advisor)
					.user(question)
					.call()
					.content();

				assertThat(answer).isEqualTo("captured");
				Expected pipeline = expectedPipeline(question, context.getBean(PgVectorStore.class),
						context.getBean(PgKeywordDocumentRetriever.class));
				List<String> expected = pipeline.topThree();
				String prompt = this.chatModel.lastUserText();
				assertThat(prompt).contains(question);
				assertThat(IntStream.range(0, 3).map(i -> prompt.indexOf(expected.get(i))).toArray()).doesNotContain(-1)
					.isSorted();
				for (Document document : RetrievalCorpus.documents()) {
					if (!expected.contains(document.getText())) {
						assertThat(prompt).doesNotContain(document.getText());
					}
				}
				// The keyword arm brought the exact-code document into the reranker's
				// candidates.
				assertThat(pipeline.candidates()).contains(RetrievalCorpus.CODE_DOCUMENT);
			});
	}

	/**
	 * Recomputes the pipeline by hand: both arms with 50 candidates, RRF, term-overlap
	 * scores, stable sort, top 3.
	 */
	private static Expected expectedPipeline(String question, PgVectorStore store, PgKeywordDocumentRetriever keyword) {
		Query query = new Query(question);
		List<Document> vector = VectorStoreDocumentRetriever.builder()
			.vectorStore(store)
			.topK(50)
			.build()
			.retrieve(query);
		List<Document> fused = new ReciprocalRankFusionDocumentJoiner()
			.join(Map.of(query, List.of(vector, keyword.retrieve(query))));
		List<Double> scores = new TermOverlapRerankModel().score(question,
				fused.stream().map(Document::getText).toList());
		List<Integer> order = new ArrayList<>(IntStream.range(0, fused.size()).boxed().toList());
		order.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)));
		return new Expected(fused.stream().map(Document::getText).toList(),
				order.subList(0, 3).stream().map(i -> fused.get(i).getText()).toList());
	}

	private record Expected(List<String> candidates, List<String> topThree) {
	}

	@Test
	void withoutDocumentsSpringAisEmptyContextPromptIsSentByDefault() {
		this.contextRunner.withPropertyValues("reranker.advisor.similarity-threshold=0.99").run(context -> {
			ChatClient.builder(this.chatModel)
				.build()
				.prompt()
				.advisors(context.getBean(RetrievalAugmentationAdvisor.class))
				.user("How do I bake sourdough bread?")
				.call()
				.content();

			assertThat(this.chatModel.lastUserText()).contains("The user query is outside your knowledge base")
				.doesNotContain("sourdough");
		});
	}

	@Test
	void allowEmptyContextSendsTheQuestionAsIs() {
		this.contextRunner
			.withPropertyValues("reranker.advisor.similarity-threshold=0.99",
					"reranker.advisor.allow-empty-context=true")
			.run(context -> {
				ChatClient.builder(this.chatModel)
					.build()
					.prompt()
					.advisors(context.getBean(RetrievalAugmentationAdvisor.class))
					.user("How do I bake sourdough bread?")
					.call()
					.content();

				assertThat(this.chatModel.lastUserText()).isEqualTo("How do I bake sourdough bread?");
			});
	}

	/** Records every prompt and answers "captured". */
	static final class CapturingChatModel implements ChatModel {

		final List<Prompt> prompts = new ArrayList<>();

		@Override
		public ChatResponse call(Prompt prompt) {
			this.prompts.add(prompt);
			return new ChatResponse(List.of(new Generation(new AssistantMessage("captured"))));
		}

		String lastUserText() {
			assertThat(this.prompts).isNotEmpty();
			return this.prompts.get(this.prompts.size() - 1).getUserMessage().getText();
		}

	}

}

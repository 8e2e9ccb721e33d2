package dev.reranker.autoconfigure.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.TermOverlapRerankModel;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.testfixtures.embedding.MiniLmEmbeddingModel;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reranker.advisor.query-rewrite} through the auto-configured advisor in a
 * ChatClient with Spring AI's in-memory chat memory, over a two-turn conversation: a
 * deterministic chat model answers Spring AI's compression prompt with a fixed standalone
 * question and records every prompt; the first-stage retriever and the rerank model
 * record the question they get. One scenario per test.
 */
class RerankerAdvisorQueryRewriteTests {

	private static final String FIRST_QUESTION = "What does the Pro plan include?";

	private static final String FOLLOW_UP = "And how much does it cost?";

	private static final String STANDALONE = "How much does the Pro plan cost per month?";

	private static final List<Document> CORPUS = List.of(new Document("The Pro plan includes priority support."),
			new Document("The Pro plan costs 20 euros per month."), new Document("Our office is in Lyon."));

	private final ScriptedChatModel chatModel = new ScriptedChatModel();

	private final RecordingRerankModel rerankModel = new RecordingRerankModel();

	private final List<String> retrieved = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RerankerAutoConfiguration.class, RerankerAdvisorAutoConfiguration.class))
		.withBean(VectorStore.class, () -> SimpleVectorStore.builder(MiniLmEmbeddingModel.get()).build())
		.withBean(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME, DocumentRetriever.class,
				() -> (query) -> {
					this.retrieved.add(query.text());
					return CORPUS;
				})
		.withBean(TermOverlapRerankModel.class, () -> this.rerankModel);

	@Test
	void theFollowUpIsRetrievedAndRerankedAsAStandaloneQuestionButTheLlmGetsItAsAsked() {
		this.contextRunner.withBean(ChatModel.class, () -> this.chatModel)
			.withPropertyValues("reranker.advisor.query-rewrite=compression")
			.run((context) -> {
				ChatClient chatClient = ChatClient.builder(this.chatModel)
					.defaultAdvisors(
							MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build(),
							context.getBean(RetrievalAugmentationAdvisor.class))
					.build();

				chatClient.prompt()
					.advisors((spec) -> spec.param(ChatMemory.CONVERSATION_ID, "c1"))
					.user(FIRST_QUESTION)
					.call()
					.content();
				this.chatModel.prompts.clear();
				this.retrieved.clear();
				chatClient.prompt()
					.advisors((spec) -> spec.param(ChatMemory.CONVERSATION_ID, "c1"))
					.user(FOLLOW_UP)
					.call()
					.content();

				// Compression saw the first turn from memory and the follow-up.
				assertThat(this.chatModel.prompts).hasSize(2);
				String compressionPrompt = this.chatModel.prompts.get(0).getUserMessage().getText();
				assertThat(compressionPrompt).contains(FIRST_QUESTION, "answer 1", FOLLOW_UP);
				// Retrieval and reranking used the standalone question.
				assertThat(this.retrieved).containsExactly(STANDALONE);
				assertThat(this.rerankModel.queries).last().isEqualTo(STANDALONE);
				// The LLM got the follow-up as asked, with the reranked context.
				String finalPrompt = this.chatModel.prompts.get(1).getUserMessage().getText();
				assertThat(finalPrompt).contains(FOLLOW_UP, "The Pro plan costs 20 euros per month.")
					.doesNotContain(STANDALONE);
			});
	}

	@Test
	void byDefaultTheQuestionIsRetrievedAndRerankedAsAsked() {
		this.contextRunner.withBean(ChatModel.class, () -> this.chatModel).run((context) -> {
			ChatClient.builder(this.chatModel)
				.build()
				.prompt()
				.advisors(context.getBean(RetrievalAugmentationAdvisor.class))
				.user(FOLLOW_UP)
				.call()
				.content();

			assertThat(this.retrieved).containsExactly(FOLLOW_UP);
			assertThat(this.rerankModel.queries).containsExactly(FOLLOW_UP);
			assertThat(this.chatModel.prompts).hasSize(1);
		});
	}

	@Test
	void compressionWithoutAChatModelStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("reranker.advisor.query-rewrite=compression").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reranker.advisor.query-rewrite=compression needs the application's chat model")
				.hasMessageContaining("reranker.advisor.query-rewrite=none");
		});
	}

	/**
	 * Answers Spring AI's compression prompt with a fixed standalone question (the first
	 * question as it is when there is nothing to compress), every other prompt with
	 * "answer n"; records every prompt.
	 */
	static final class ScriptedChatModel implements ChatModel {

		final List<Prompt> prompts = new CopyOnWriteArrayList<>();

		private int answers;

		@Override
		public ChatResponse call(Prompt prompt) {
			this.prompts.add(prompt);
			String text = prompt.getUserMessage().getText();
			String reply;
			if (text.contains("standalone query")) {
				reply = text.contains(FOLLOW_UP) ? STANDALONE : FIRST_QUESTION;
			}
			else {
				reply = "answer " + (++this.answers);
			}
			return new ChatResponse(List.of(new Generation(new AssistantMessage(reply))));
		}

	}

	/** Term-overlap scores; records each query it reranks with. */
	static final class RecordingRerankModel extends TermOverlapRerankModel {

		final List<String> queries = new ArrayList<>();

		@Override
		public RerankResponse call(RerankRequest request) {
			this.queries.add(request.query());
			return super.call(request);
		}

	}

}

package dev.reranker.example.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.example.search.RankedPassage;
import dev.reranker.example.search.RerankDemoService;
import dev.reranker.example.search.SearchStores;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.generation.augmentation.ContextualQueryAugmenter;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Answers questions through {@link ChatClient} with the retrieval-augmentation advisor:
 * first stage, reranking, then the best passages in the prompt. Uses the auto-configured
 * {@link RetrievalAugmentationAdvisor} when there is one.
 */
@Service
class AskService {

	private final ObjectProvider<ChatModel> chatModel;

	private final ObjectProvider<ChatClient.Builder> chatClientBuilder;

	private final RetrievalAugmentationAdvisor advisor;

	private final RerankDemoService service;

	private final int candidates;

	AskService(ObjectProvider<ChatModel> chatModel, ObjectProvider<ChatClient.Builder> chatClientBuilder,
			ObjectProvider<RetrievalAugmentationAdvisor> advisor, VectorStore vectorStore,
			RerankingDocumentPostProcessor postProcessor, RerankDemoService service, Environment environment) {
		this.chatModel = chatModel;
		this.chatClientBuilder = chatClientBuilder;
		this.service = service;
		this.candidates = environment.getProperty("reranker.advisor.candidates", Integer.class, 50);
		this.advisor = advisor.getIfAvailable(() -> RetrievalAugmentationAdvisor.builder()
			.documentRetriever(VectorStoreDocumentRetriever.builder()
				.vectorStore(SearchStores.forSearch(vectorStore))
				.topK(this.candidates)
				.build())
			.documentPostProcessors(postProcessor)
			.queryAugmenter(ContextualQueryAugmenter.builder().allowEmptyContext(true).build())
			.build());
	}

	/** Whether a chat model is configured. */
	boolean available() {
		return this.chatModel.getIfAvailable() != null;
	}

	/**
	 * Answers a question.
	 * @param question the question
	 * @return the answer and the context it was given
	 * @throws NoChatModelException when no chat model is configured
	 */
	Answer ask(String question) {
		if (!available()) {
			throw new NoChatModelException(toPassages(this.service.context(question, this.candidates)));
		}
		long start = System.nanoTime();
		ChatClient chatClient = this.chatClientBuilder.getObject().build();
		ChatResponse response = chatClient.prompt().user(question).advisors(this.advisor).call().chatResponse();
		long end = System.nanoTime();
		String answer = (response != null && response.getResult() != null) ? response.getResult().getOutput().getText()
				: null;
		Object context = (response != null) ? response.getMetadata().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT)
				: null;
		List<Document> documents = new ArrayList<>();
		if (context instanceof List<?> list) {
			list.stream().filter(Document.class::isInstance).map(Document.class::cast).forEach(documents::add);
		}
		return new Answer(question, (answer != null) ? answer : "", toPassages(documents),
				Math.round((end - start) / 10_000.0) / 100.0);
	}

	private static List<RankedPassage> toPassages(List<Document> documents) {
		List<RankedPassage> passages = new ArrayList<>(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			Document document = documents.get(i);
			Map<String, Object> metadata = document.getMetadata();
			Object firstStageRank = metadata.get(RerankDocumentMetadata.RETRIEVAL_RANK);
			Object retrievalScore = metadata.get(RerankDocumentMetadata.RETRIEVAL_SCORE);
			int rank = i + 1;
			int from = (firstStageRank instanceof Integer value) ? value : rank;
			passages.add(new RankedPassage(document.getId(), (document.getText() != null) ? document.getText() : "",
					rank, document.getScore(), from, (retrievalScore instanceof Double value) ? value : null,
					from - rank, true, metadata));
		}
		return passages;
	}

	/**
	 * An answer.
	 *
	 * @param question the question
	 * @param answer the chat model's answer
	 * @param context the reranked passages the prompt contained, best first
	 * @param totalMs milliseconds for retrieval, reranking and the chat call
	 */
	record Answer(String question, String answer, List<RankedPassage> context, double totalMs) {
	}

	/** Builds the 503 body. */
	static Map<String, @Nullable Object> unavailableBody(NoChatModelException ex) {
		return Map.of("status", 503, "title", "No chat model configured", "detail",
				"POST /api/ask needs a chat model. Configure one with standard Spring AI properties and restart;"
						+ " the reranked context it would have sent is included below.",
				"howToConfigure",
				Map.of("openaiCompatible",
						List.of("spring.ai.model.chat=openai", "spring.ai.openai.api-key=<your key>",
								"spring.ai.openai.base-url=<optional, for OpenAI-compatible servers>",
								"spring.ai.openai.chat.options.model=<model name>"),
						"ollama",
						List.of("spring.ai.model.chat=ollama", "spring.ai.ollama.base-url=http://localhost:11434",
								"spring.ai.ollama.chat.options.model=<model name, e.g. llama3.2>")),
				"context", ex.context());
	}

}

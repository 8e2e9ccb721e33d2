package dev.reranker.autoconfigure.rag;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.context.ApplicationContext;

/**
 * Asks through the context's auto-configured advisor and reads back the documents it put
 * into the prompt, for the advisor tests on PostgreSQL.
 */
final class AdvisorCalls {

	private AdvisorCalls() {
	}

	static ChatResponse ask(ChatModel chatModel, ApplicationContext context, String question) {
		return ChatClient.builder(chatModel)
			.build()
			.prompt()
			.advisors(context.getBean(RetrievalAugmentationAdvisor.class))
			.user(question)
			.call()
			.chatResponse();
	}

	static List<Document> documents(ChatResponse response) {
		Object documents = response.getMetadata().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT);
		List<Document> result = new ArrayList<>();
		if (documents instanceof List<?> list) {
			list.stream().filter(Document.class::isInstance).map(Document.class::cast).forEach(result::add);
		}
		return result;
	}

}

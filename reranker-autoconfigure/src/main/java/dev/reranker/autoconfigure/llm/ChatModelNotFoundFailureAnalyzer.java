package dev.reranker.autoconfigure.llm;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains which ChatModel bean the 'llm' rerank provider could not find, and how to give
 * it one.
 */
class ChatModelNotFoundFailureAnalyzer extends AbstractFailureAnalyzer<ChatModelNotFoundException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ChatModelNotFoundException cause) {
		String found = cause.getCandidates().isEmpty() ? "none" : String.join(", ", cause.getCandidates());
		String description;
		String action;
		if (cause.getRequestedBean() != null) {
			description = "reranker.llm.chat-model is '" + cause.getRequestedBean()
					+ "' but no ChatModel bean has that name (ChatModel beans found: " + found + ").";
			action = cause.getCandidates().isEmpty() ? noChatModelAction()
					: "Set reranker.llm.chat-model to one of: " + found + ".";
		}
		else if (cause.getCandidates().isEmpty()) {
			description = "reranker.provider=llm reranks with a Spring AI ChatModel bean, but there is none.";
			action = noChatModelAction();
		}
		else {
			description = "reranker.provider=llm reranks with a Spring AI ChatModel bean, but there are several and "
					+ "none is chosen (ChatModel beans found: " + found + ").";
			action = "Set reranker.llm.chat-model to the bean to rerank with, one of: " + found
					+ "; or mark one of them @Primary.";
		}
		return new FailureAnalysis(description, action, cause);
	}

	private static String noChatModelAction() {
		return "Add a Spring AI chat model starter (e.g. spring-ai-starter-model-openai, with spring.ai.model.chat "
				+ "and its connection properties) or define a ChatModel bean; or choose another reranker.provider.";
	}

}

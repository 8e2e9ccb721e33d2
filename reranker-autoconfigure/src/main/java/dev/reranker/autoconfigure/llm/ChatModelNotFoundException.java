package dev.reranker.autoconfigure.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when {@code reranker.provider=llm} cannot find the {@code ChatModel}
 * bean to rerank with. {@link ChatModelNotFoundFailureAnalyzer} explains what to change.
 */
public class ChatModelNotFoundException extends RuntimeException {

	private final @Nullable String requestedBean;

	private final List<String> candidates;

	/**
	 * @param requestedBean the bean named by {@code reranker.llm.chat-model}, or
	 * {@code null} when it is unset
	 * @param candidates the names of the ChatModel beans there are
	 */
	public ChatModelNotFoundException(@Nullable String requestedBean, List<String> candidates) {
		super((requestedBean != null)
				? "No ChatModel bean named '" + requestedBean + "' (reranker.llm.chat-model); ChatModel beans: "
						+ candidates
				: "No unique ChatModel bean for reranker.provider=llm; ChatModel beans: " + candidates);
		this.requestedBean = requestedBean;
		this.candidates = List.copyOf(candidates);
	}

	public @Nullable String getRequestedBean() {
		return this.requestedBean;
	}

	public List<String> getCandidates() {
		return this.candidates;
	}

}

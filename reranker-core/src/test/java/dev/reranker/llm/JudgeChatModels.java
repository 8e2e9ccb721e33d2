package dev.reranker.llm;

import dev.reranker.testfixtures.http.LoopbackJudgeServer;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI's OpenAI chat model pointed at a {@link LoopbackJudgeServer}; shared with
 * reranker-autoconfigure's tests through the test jar.
 */
public final class JudgeChatModels {

	/** The model the chat model asks for by default. */
	public static final String MODEL = "judge-1";

	private JudgeChatModels() {
	}

	/**
	 * @param judge the server
	 * @param maxRetries the OpenAI client's own retries of 429 and 5xx
	 * @return the chat model
	 */
	public static OpenAiChatModel openAi(LoopbackJudgeServer judge, int maxRetries) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(judge.baseUrl())
				.apiKey("sk-loopback-test")
				.model(MODEL)
				.maxRetries(maxRetries)
				.build())
			.build();
	}

}

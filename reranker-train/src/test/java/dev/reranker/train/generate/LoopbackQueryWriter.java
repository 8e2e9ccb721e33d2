package dev.reranker.train.generate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.reranker.testfixtures.http.LoopbackJudgeServer;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Chat;
import dev.reranker.testfixtures.http.LoopbackJudgeServer.Reply;

import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * A loopback OpenAI-compatible server that writes queries the way a chat model would: for
 * the passage in the prompt it answers a numbered list of the passage's own words
 * (lower-cased, which the first stage ranks first) and {@value #OFF_TOPIC} (which ranks
 * the bees passage first), and the same list item again.
 */
final class LoopbackQueryWriter {

	static final String OFF_TOPIC = "bees dance flowers";

	private static final Pattern PASSAGE = Pattern.compile("(?m)^Passage:[ \\t]*(.*)$");

	private LoopbackQueryWriter() {
	}

	static LoopbackJudgeServer start() {
		return LoopbackJudgeServer.start().faults((chat) -> Reply.answer(LoopbackQueryWriter::answer));
	}

	static String passage(Chat chat) {
		Matcher matcher = PASSAGE.matcher(chat.userText());
		return matcher.find() ? matcher.group(1).trim() : "";
	}

	private static String answer(Chat chat) {
		String own = passage(chat).toLowerCase(java.util.Locale.ROOT);
		return "1. " + own + "\n2) \"" + OFF_TOPIC + "\"\n\n- " + own + "\n";
	}

	static OpenAiChatModel chatModel(LoopbackJudgeServer server) {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(server.baseUrl())
				.apiKey("sk-loopback-test")
				.model("query-writer")
				.maxRetries(0)
				.build())
			.build();
	}

}

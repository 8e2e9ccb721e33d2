package dev.reranker.train.generate;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reranker.testfixtures.http.LoopbackJudgeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link QueryGenerator} against a loopback OpenAI-compatible server. */
class QueryGeneratorTests {

	static LoopbackJudgeServer server;

	@BeforeAll
	static void start() {
		server = LoopbackQueryWriter.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void asksTheChatModelWithThePassageAndKeepsTheDistinctQueriesOfItsAnswer() {
		QueryGenerator generator = new QueryGenerator(LoopbackQueryWriter.chatModel(server),
				QueryGenerator.DEFAULT_PROMPT, 3);
		int before = server.requests().size();

		List<String> queries = generator.generate("The moon makes tides");

		assertThat(queries).containsExactly("the moon makes tides", LoopbackQueryWriter.OFF_TOPIC);
		LoopbackJudgeServer.Chat chat = server.requests().get(before);
		assertThat(LoopbackQueryWriter.passage(chat)).isEqualTo("The moon makes tides");
		assertThat(chat.userText()).startsWith("Write 3 different search queries");
	}

	@Test
	void listMarkersQuotesBlankLinesAndRepeatsAreRemovedUpToTheLimit() {
		assertThat(QueryGenerator.parse("""
				1. what causes tides
				2) "moon gravity oceans"
				- What causes tides
				* Query 4: tide height
				• 'spring tides'

				Q6: neap tides
				""", 4)).containsExactly("what causes tides", "moon gravity oceans", "tide height", "spring tides");
	}

	@Test
	void thePassageGoesIntoThePromptLiterally() {
		QueryGenerator generator = new QueryGenerator(LoopbackQueryWriter.chatModel(server),
				"Give {count} queries for: {passage}", 2);
		assertThat(generator.prompt("a $1 passage with {braces} and {count}"))
			.isEqualTo("Give 2 queries for: a $1 passage with {braces} and {count}");
	}

	@Test
	void aPromptWithoutThePassageIsRefusedNamingTheOption() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueryGenerator(LoopbackQueryWriter.chatModel(server), "Write queries", 1))
			.withMessageContaining("{passage}")
			.withMessageContaining("--train.generate.prompt");
	}

}

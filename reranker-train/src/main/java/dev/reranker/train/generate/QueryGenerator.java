package dev.reranker.train.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;

/**
 * Writes search queries for a passage with a chat model, in the manner of InPars and
 * Promptagator: the model reads the passage and answers queries it would answer, one per
 * line. The prompt is a template with {@value #PASSAGE} (the passage) and {@value #COUNT}
 * (queries wanted) replaced literally, so a passage's own braces are harmless.
 */
public final class QueryGenerator {

	/** Replaced by the passage. */
	public static final String PASSAGE = "{passage}";

	/** Replaced by the number of queries wanted. */
	public static final String COUNT = "{count}";

	/** The default prompt. */
	public static final String DEFAULT_PROMPT = """
			Write {count} different search queries that someone would type to find the passage below. \
			Each query is a question or keywords that the passage answers, in the passage's language. \
			Answer only the queries, one per line, without numbering or explanations.

			Passage: {passage}

			Queries:""";

	// "1. ", "2) ", "- ", "* ", "• ", "Query 3: " before a query.
	private static final Pattern MARKER = Pattern
		.compile("^\\s*(?:(?:query|q)\\s*\\d*\\s*[:.)-]|\\d+\\s*[.):-]|[-*•])\\s*", Pattern.CASE_INSENSITIVE);

	private final ChatModel chatModel;

	private final String prompt;

	private final int count;

	/**
	 * @param chatModel the chat model
	 * @param prompt the template, with {@value #PASSAGE} and optionally {@value #COUNT}
	 * @param count queries wanted per passage
	 */
	public QueryGenerator(ChatModel chatModel, String prompt, int count) {
		Assert.notNull(chatModel, "chatModel must not be null");
		Assert.isTrue(prompt != null && prompt.contains(PASSAGE), () -> "The query generation prompt must contain "
				+ PASSAGE + " where the passage goes (--train.generate.prompt)");
		Assert.isTrue(count >= 1, () -> "queries per passage must be at least 1 but was " + count
				+ " (--train.generate.queries-per-passage)");
		this.chatModel = chatModel;
		this.prompt = prompt;
		this.count = count;
	}

	/**
	 * The prompt for one passage.
	 * @param passage the passage
	 * @return the prompt text
	 */
	public String prompt(String passage) {
		return this.prompt.replace(COUNT, Integer.toString(this.count)).replace(PASSAGE, passage);
	}

	/**
	 * Asks the chat model for queries.
	 * @param passage the passage
	 * @return up to the wanted number of distinct queries, in the model's order; empty
	 * when its answer has none
	 */
	public List<String> generate(String passage) {
		ChatResponse response = this.chatModel.call(new Prompt(prompt(passage)));
		String text = (response != null && response.getResult() != null) ? response.getResult().getOutput().getText()
				: null;
		return (text != null) ? parse(text, this.count) : List.of();
	}

	/**
	 * The queries in a model's answer: one per line, list markers and quotes removed,
	 * blank lines and repeats (ignoring case) dropped.
	 * @param answer the answer text
	 * @param limit the most queries to keep
	 * @return the queries
	 */
	static List<String> parse(String answer, int limit) {
		List<String> queries = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String line : answer.split("\\R")) {
			String query = strip(withoutMarkers(line.trim()));
			if (!query.isBlank() && seen.add(query.toLowerCase(Locale.ROOT)) && queries.size() < limit) {
				queries.add(query);
			}
		}
		return queries;
	}

	// "* Query 4: …" has two.
	private static String withoutMarkers(String line) {
		String query = line;
		for (String previous = null; !query.equals(previous);) {
			previous = query;
			query = MARKER.matcher(query).replaceFirst("").trim();
		}
		return query;
	}

	private static String strip(String query) {
		if (query.length() >= 2 && isQuote(query.charAt(0)) && isQuote(query.charAt(query.length() - 1))) {
			return query.substring(1, query.length() - 1).trim();
		}
		return query;
	}

	private static boolean isQuote(char c) {
		return c == '"' || c == '\'' || c == '“' || c == '”' || c == '`';
	}

}

package dev.reranker.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.util.Assert;

/**
 * The prompts {@link LlmRerankModel} sends, with their placeholders: {@value #QUERY} and,
 * listwise, {@value #PASSAGES} (the window's passages, one per line, each labelled
 * {@code [k]}) and {@value #COUNT} (how many); pointwise, {@value #PASSAGE}. Placeholders
 * are replaced in one pass, so a query or passage that itself contains one stays as it
 * is; other braces in a template are left alone. A blank system prompt sends no system
 * message. Immutable; build with {@link #builder()}.
 */
public final class LlmPrompts {

	/** The query. */
	public static final String QUERY = "{query}";

	/** Listwise: the labelled passages, one per line ({@code [1] …}). */
	public static final String PASSAGES = "{passages}";

	/** Listwise: the number of passages in the window. */
	public static final String COUNT = "{count}";

	/** Pointwise: the passage to grade. */
	public static final String PASSAGE = "{passage}";

	/** Default listwise system prompt. */
	public static final String DEFAULT_LISTWISE_SYSTEM = "You are a search relevance expert. You order passages "
			+ "from the most to the least relevant to a search query.";

	/** Default listwise user prompt. */
	public static final String DEFAULT_LISTWISE_USER = """
			Search query: {query}

			{count} passages, each labelled with an identifier in square brackets:
			{passages}

			Order the {count} passages by how relevant they are to the search query, the most relevant first. \
			Answer with the identifiers only, in the form [2] > [3] > [1], naming every identifier exactly once, \
			and nothing else.""";

	/** Default pointwise system prompt. */
	public static final String DEFAULT_POINTWISE_SYSTEM = "You are a search relevance expert. You grade how "
			+ "relevant a passage is to a search query.";

	/** Default pointwise user prompt. */
	public static final String DEFAULT_POINTWISE_USER = """
			Search query: {query}

			Passage: {passage}

			How relevant is the passage to the search query, from 0 (unrelated) to 10 (answers it fully)? \
			Answer with the integer grade only.""";

	/** The defaults. */
	public static final LlmPrompts DEFAULTS = builder().build();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(query|passages|count|passage)}");

	private final String listwiseSystem;

	private final String listwiseUser;

	private final String pointwiseSystem;

	private final String pointwiseUser;

	private LlmPrompts(Builder builder) {
		this.listwiseSystem = nonNull(builder.listwiseSystem, "listwiseSystem");
		this.listwiseUser = required(builder.listwiseUser, "listwiseUser", QUERY, PASSAGES);
		this.pointwiseSystem = nonNull(builder.pointwiseSystem, "pointwiseSystem");
		this.pointwiseUser = required(builder.pointwiseUser, "pointwiseUser", QUERY, PASSAGE);
	}

	private static String nonNull(String template, String name) {
		Assert.notNull(template, () -> name + " must not be null (LlmPrompts.Builder#" + name + ")");
		return template;
	}

	private static String required(String template, String name, String... placeholders) {
		nonNull(template, name);
		for (String placeholder : placeholders) {
			Assert.isTrue(template.contains(placeholder), () -> "the " + name + " prompt must contain " + placeholder
					+ " (LlmPrompts.Builder#" + name + ") but was: " + template);
		}
		return template;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The messages of one listwise window.
	 * @param query the query
	 * @param passages the window's passages, already truncated
	 * @return the system message (unless blank) and the user message
	 */
	public List<Message> listwise(String query, List<String> passages) {
		StringBuilder labelled = new StringBuilder();
		for (int i = 0; i < passages.size(); i++) {
			if (i > 0) {
				labelled.append('\n');
			}
			labelled.append('[').append(i + 1).append("] ").append(passages.get(i));
		}
		Map<String, String> values = Map.of("query", query, "passages", labelled.toString(), "count",
				String.valueOf(passages.size()));
		return messages(render(this.listwiseSystem, values), render(this.listwiseUser, values));
	}

	/**
	 * The messages grading one passage.
	 * @param query the query
	 * @param passage the passage, already truncated
	 * @return the system message (unless blank) and the user message
	 */
	public List<Message> pointwise(String query, String passage) {
		Map<String, String> values = Map.of("query", query, "passage", passage);
		return messages(render(this.pointwiseSystem, values), render(this.pointwiseUser, values));
	}

	private static List<Message> messages(String system, String user) {
		List<Message> messages = new ArrayList<>(2);
		if (!system.isBlank()) {
			messages.add(new SystemMessage(system));
		}
		messages.add(new UserMessage(user));
		return messages;
	}

	static String render(String template, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder(template.length() + 256);
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	public String getListwiseSystem() {
		return this.listwiseSystem;
	}

	public String getListwiseUser() {
		return this.listwiseUser;
	}

	public String getPointwiseSystem() {
		return this.pointwiseSystem;
	}

	public String getPointwiseUser() {
		return this.pointwiseUser;
	}

	@Override
	public String toString() {
		return "LlmPrompts{listwiseUser=" + AnswerText.excerpt(this.listwiseUser) + ", pointwiseUser="
				+ AnswerText.excerpt(this.pointwiseUser) + "}";
	}

	/** Builder for {@link LlmPrompts}; every prompt starts at its default. */
	public static final class Builder {

		private String listwiseSystem = DEFAULT_LISTWISE_SYSTEM;

		private String listwiseUser = DEFAULT_LISTWISE_USER;

		private String pointwiseSystem = DEFAULT_POINTWISE_SYSTEM;

		private String pointwiseUser = DEFAULT_POINTWISE_USER;

		private Builder() {
		}

		/** The listwise system prompt; blank sends none. */
		public Builder listwiseSystem(String listwiseSystem) {
			this.listwiseSystem = listwiseSystem;
			return this;
		}

		/**
		 * The listwise user prompt; must contain {@value LlmPrompts#QUERY} and
		 * {@value LlmPrompts#PASSAGES}.
		 */
		public Builder listwiseUser(String listwiseUser) {
			this.listwiseUser = listwiseUser;
			return this;
		}

		/** The pointwise system prompt; blank sends none. */
		public Builder pointwiseSystem(String pointwiseSystem) {
			this.pointwiseSystem = pointwiseSystem;
			return this;
		}

		/**
		 * The pointwise user prompt; must contain {@value LlmPrompts#QUERY} and
		 * {@value LlmPrompts#PASSAGE}.
		 */
		public Builder pointwiseUser(String pointwiseUser) {
			this.pointwiseUser = pointwiseUser;
			return this;
		}

		public LlmPrompts build() {
			return new LlmPrompts(this);
		}

	}

}

package dev.reranker.testfixtures.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reranker.testfixtures.TermOverlap;

/**
 * A real HTTP server on the loopback interface that speaks OpenAI's chat completions API
 * ({@code POST …/chat/completions}, non-streaming) and answers like a relevance judge:
 * deterministically, from what it reads in the prompt.
 * <p>
 * It reads the last user message: the query from a line {@code Search query: …} (or
 * {@code Query: …}); for a listwise prompt, passages from lines {@code [k] …}, and it
 * answers their labels ordered by {@link TermOverlap} with the query, best first, ties by
 * label ({@code [3] > [1] > [2]}); for a pointwise prompt, the passage from a line
 * {@code Passage: …}, and it answers the grade {@code round(10 × overlap)}. The project's
 * default prompts have exactly these lines.
 * <p>
 * Like {@link LoopbackRerankServer}, it can misbehave: scripted replies are served first,
 * in order, then a per-request {@link #faults(Function) fault function}, then the judge's
 * answer. Replies: other answer texts (garbage, partial permutations), slow answers,
 * statuses such as 429 with OpenAI's {@code retry-after-ms} header. A test that wants
 * another deterministic model (say, a reader answering from its context) sets
 * {@code faults(chat -> Reply.answer(reader))}.
 */
public final class LoopbackJudgeServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern QUERY = Pattern.compile("(?m)^(?:Search query|Query):[ \\t]*(.*)$");

	private static final Pattern LABELLED = Pattern.compile("(?m)^\\[(\\d+)][ \\t]*(.*)$");

	private static final Pattern PASSAGE = Pattern.compile("(?m)^Passage:[ \\t]*(.*)$");

	private final HttpServer server;

	private final ExecutorService executor;

	private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<Chat> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private volatile Function<Chat, Reply> faults = chat -> Reply.judge();

	private LoopbackJudgeServer() throws IOException {
		this.executor = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "loopback-judge-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a judge on a free loopback port.
	 * @return the running server
	 */
	public static LoopbackJudgeServer start() {
		try {
			return new LoopbackJudgeServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The base URL to give an OpenAI client, ending in {@code /v1}.
	 * @return the base URL
	 */
	public String baseUrl() {
		InetSocketAddress address = this.server.getAddress();
		return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/v1";
	}

	/** Queues replies served, in order, before the judge's answers resume. */
	public LoopbackJudgeServer enqueue(Reply... replies) {
		this.script.addAll(List.of(replies));
		return this;
	}

	/** Decides per request (after the script is used up) what to reply. */
	public LoopbackJudgeServer faults(Function<Chat, Reply> faults) {
		this.faults = faults;
		return this;
	}

	/** The chat requests received, in order of arrival. */
	public List<Chat> requests() {
		return List.copyOf(this.requests);
	}

	/** The most requests the server was handling at the same time. */
	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/**
	 * The judge's grade of a passage, as it answers a pointwise prompt.
	 * @param query the query
	 * @param passage the passage
	 * @return {@code round(10 × overlap)}, from 0 to 10
	 */
	public static int grade(String query, String passage) {
		return (int) Math.round(10 * TermOverlap.score(query, passage));
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try {
			respond(exchange);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void respond(HttpExchange exchange) throws IOException {
		JsonNode body;
		try {
			body = JSON.readTree(exchange.getRequestBody().readAllBytes());
		}
		catch (RuntimeException ex) {
			send(exchange, 400, error("invalid JSON", "invalid_request_error"), null);
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())
				|| !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
			send(exchange, 404, error("no such endpoint: " + exchange.getRequestURI().getPath(), "not_found"), null);
			return;
		}
		Chat chat = Chat.of(body, exchange.getRequestHeaders().getFirst("Authorization"));
		this.requests.add(chat);
		Reply reply = this.script.poll();
		if (reply == null) {
			reply = this.faults.apply(chat);
		}
		if (reply.delay != null) {
			try {
				Thread.sleep(reply.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.close();
				return;
			}
		}
		if (reply.status != 200) {
			send(exchange, reply.status, error("scripted error " + reply.status,
					(reply.status == 429) ? "rate_limit_exceeded" : "server_error"), reply.retryAfter);
			return;
		}
		String content = (reply.answer != null) ? reply.answer.apply(chat) : chat.judgement();
		send(exchange, 200, completion(chat, content), null);
	}

	private static String completion(Chat chat, String content) {
		ObjectNode root = JSON.createObjectNode();
		root.put("id", "chatcmpl-loopback");
		root.put("object", "chat.completion");
		root.put("created", 1_700_000_000L);
		root.put("model", (chat.model() != null) ? chat.model() : "loopback-judge");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", content);
		choice.put("finish_reason", "stop");
		ObjectNode usage = root.putObject("usage");
		int prompt = chat.userText().length() / 4;
		int completion = Math.max(1, content.length() / 4);
		usage.put("prompt_tokens", prompt);
		usage.put("completion_tokens", completion);
		usage.put("total_tokens", prompt + completion);
		return JSON.writeValueAsString(root);
	}

	private static String error(String message, String type) {
		ObjectNode root = JSON.createObjectNode();
		ObjectNode error = root.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.putNull("param");
		error.put("code", type);
		return JSON.writeValueAsString(root);
	}

	private static void send(HttpExchange exchange, int status, String body, Duration retryAfter) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (retryAfter != null) {
			exchange.getResponseHeaders().set("retry-after-ms", Long.toString(retryAfter.toMillis()));
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One chat request as the judge read it.
	 *
	 * @param model the model asked for, or null
	 * @param temperature the temperature sent, or null
	 * @param systemText the system message, or null
	 * @param userText the last user message
	 * @param query the query read from it, or null
	 * @param passages the passages read from it: listwise the labelled ones in label
	 * order, pointwise the one passage
	 * @param listwise whether the prompt was listwise
	 * @param authorization the {@code Authorization} header, or null
	 */
	public record Chat(String model, Double temperature, String systemText, String userText, String query,
			List<String> passages, boolean listwise, String authorization) {

		static Chat of(JsonNode body, String authorization) {
			String system = null;
			String user = "";
			for (JsonNode message : body.path("messages")) {
				String role = message.path("role").asString();
				String text = text(message.path("content"));
				if ("system".equals(role) || "developer".equals(role)) {
					system = text;
				}
				else if ("user".equals(role)) {
					user = text;
				}
			}
			Matcher query = QUERY.matcher(user);
			List<String> passages = new ArrayList<>();
			Matcher labelled = LABELLED.matcher(user);
			while (labelled.find()) {
				passages.add(labelled.group(2));
			}
			boolean listwise = !passages.isEmpty();
			if (!listwise) {
				Matcher passage = PASSAGE.matcher(user);
				if (passage.find()) {
					passages.add(passage.group(1));
				}
			}
			return new Chat(body.hasNonNull("model") ? body.get("model").asString() : null,
					body.hasNonNull("temperature") ? body.get("temperature").asDouble() : null, system, user,
					query.find() ? query.group(1) : null, List.copyOf(passages), listwise, authorization);
		}

		private static String text(JsonNode content) {
			if (content.isString()) {
				return content.asString();
			}
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				text.append(part.path("text").asString());
			}
			return text.toString();
		}

		/**
		 * The judge's ranking of a listwise prompt: labels (1-based), best first, ties by
		 * label.
		 * @return the labels
		 */
		public List<Integer> ranking() {
			String q = (this.query != null) ? this.query : "";
			List<Integer> labels = new ArrayList<>();
			for (int i = 1; i <= this.passages.size(); i++) {
				labels.add(i);
			}
			labels
				.sort(Comparator.comparingDouble((Integer label) -> -TermOverlap.score(q, this.passages.get(label - 1)))
					.thenComparing(Comparator.naturalOrder()));
			return labels;
		}

		/**
		 * What the judge answers: a permutation for a listwise prompt, a grade for a
		 * pointwise one, an apology for anything else.
		 * @return the answer text
		 */
		public String judgement() {
			if (this.listwise) {
				return permutation(ranking());
			}
			if (this.query != null && !this.passages.isEmpty()) {
				return Integer.toString(grade(this.query, this.passages.get(0)));
			}
			return "I cannot tell what you want me to judge.";
		}

		/**
		 * Writes labels in RankGPT's form.
		 * @param labels the labels, 1-based
		 * @return e.g. {@code [2] > [3] > [1]}
		 */
		public static String permutation(List<Integer> labels) {
			StringBuilder answer = new StringBuilder();
			for (int label : labels) {
				if (!answer.isEmpty()) {
					answer.append(" > ");
				}
				answer.append('[').append(label).append(']');
			}
			return answer.toString();
		}

	}

	/** What the server does with one request. */
	public static final class Reply {

		final int status;

		final Duration delay;

		final Duration retryAfter;

		final Function<Chat, String> answer;

		private Reply(int status, Duration delay, Duration retryAfter, Function<Chat, String> answer) {
			this.status = status;
			this.delay = delay;
			this.retryAfter = retryAfter;
			this.answer = answer;
		}

		/** The judge's answer. */
		public static Reply judge() {
			return new Reply(200, null, null, null);
		}

		/** The judge's answer, after a pause. */
		public static Reply slow(Duration delay) {
			return new Reply(200, delay, null, null);
		}

		/** A 200 whose message is this text. */
		public static Reply answer(String text) {
			return new Reply(200, null, null, chat -> text);
		}

		/** A 200 whose message is computed from the request. */
		public static Reply answer(Function<Chat, String> text) {
			return new Reply(200, null, null, text);
		}

		/** An error status with OpenAI's error body. */
		public static Reply status(int status) {
			return new Reply(status, null, null, null);
		}

		/** A 429 with {@code retry-after-ms}, which OpenAI's clients honour. */
		public static Reply rateLimited(Duration retryAfter) {
			return new Reply(429, null, retryAfter, null);
		}

	}

}

package dev.reranker.testfixtures.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.reranker.testfixtures.TermOverlap;

/**
 * A real HTTP server on the loopback interface that speaks one rerank protocol (Cohere
 * {@code /v2/rerank}, Jina {@code /v1/rerank}, Voyage {@code /v1/rerank}, TEI
 * {@code /rerank}) with a deterministic scorer, and can be told to misbehave: scripted
 * replies (status codes, HTML pages, malformed JSON, slow answers, dropped connections)
 * are served first, in order; then a per-request {@link #faults(Function) fault
 * function}; then the protocol's correct answer.
 * <p>
 * The scorer: the share of the query's distinct words found in the text, so that a test
 * can predict the order.
 */
public final class LoopbackRerankServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Protocol protocol;

	private final InetSocketAddress address;

	private volatile HttpServer server;

	private volatile ExecutorService executor;

	private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private volatile Function<RecordedRequest, Reply> faults = request -> Reply.normal();

	private volatile boolean shuffle;

	private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

	private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

	private LoopbackRerankServer(Protocol protocol) throws IOException {
		this.protocol = protocol;
		bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.address = this.server.getAddress();
	}

	private void bind(InetSocketAddress address) throws IOException {
		ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "loopback-rerank-server");
			thread.setDaemon(true);
			return thread;
		});
		HttpServer server = HttpServer.create(address, 200);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
		this.executor = executor;
		this.server = server;
	}

	/**
	 * Starts a server speaking the given protocol on a free loopback port.
	 * @param protocol the protocol
	 * @return the running server
	 */
	public static LoopbackRerankServer start(Protocol protocol) {
		try {
			return new LoopbackRerankServer(protocol);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		return "http://" + this.address.getAddress().getHostAddress() + ":" + this.address.getPort();
	}

	/**
	 * Kills the server as a crash would: the port stops accepting connections (clients
	 * see "connection refused") and open connections, requests in flight included, are
	 * closed without an answer. {@link #restart()} brings it back on the same port.
	 */
	public void stop() {
		close();
	}

	/**
	 * Starts a {@link #stop() stopped} server again on the same port, with its script,
	 * fault function and recorded requests kept.
	 * @throws IllegalStateException when the port cannot be bound again
	 */
	public void restart() {
		try {
			bind(this.address);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot bind " + this.address + " again", ex);
		}
	}

	public Protocol protocol() {
		return this.protocol;
	}

	/** Queues replies served, in order, before the normal behaviour resumes. */
	public LoopbackRerankServer enqueue(Reply... replies) {
		this.script.addAll(List.of(replies));
		return this;
	}

	/** Decides per request (after the script is used up) whether to misbehave. */
	public LoopbackRerankServer faults(Function<RecordedRequest, Reply> faults) {
		this.faults = faults;
		return this;
	}

	/** Whether correct answers list results in random order instead of best first. */
	public LoopbackRerankServer shuffle(boolean shuffle) {
		this.shuffle = shuffle;
		return this;
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The score the server gives {@code text} for {@code query}.
	 * @param query the query
	 * @param text the text
	 * @return the share of the query's distinct words present in the text
	 */
	public static double score(String query, String text) {
		return TermOverlap.score(query, text);
	}

	/** The most requests the server was handling at the same time. */
	public int maxInFlight() {
		return this.maxInFlight.get();
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
		byte[] bytes = exchange.getRequestBody().readAllBytes();
		JsonNode body;
		try {
			body = JSON.readTree(bytes);
		}
		catch (RuntimeException ex) {
			send(exchange, 400, "application/json", "{\"message\":\"invalid JSON\"}", null);
			return;
		}
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("Content-Type"), body);
		this.requests.add(request);
		Reply reply = this.script.poll();
		if (reply == null) {
			reply = this.faults.apply(request);
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
		switch (reply.kind) {
			case DROP -> throw new IOException("dropping the connection as scripted");
			case RAW -> send(exchange, reply.status, reply.contentType, reply.body, reply.retryAfter);
			case RESULTS -> send(exchange, 200, "application/json", this.protocol.render(reply.results), null);
			case TRUNCATED -> {
				String full = answer(request);
				send(exchange, 200, "application/json", full.substring(0, full.length() / 2), null);
			}
			case NORMAL -> {
				if (!request.path().equals(this.protocol.path)) {
					send(exchange, 404, "application/json", "{\"message\":\"no such endpoint\"}", null);
				}
				else {
					send(exchange, 200, "application/json", answer(request), null);
				}
			}
		}
	}

	private String answer(RecordedRequest request) {
		String query = request.body().path("query").asString();
		JsonNode texts = request.body().path(this.protocol.documentsField);
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			results.add(new Result(i, Double.toString(score(query, texts.get(i).asString()))));
		}
		results.sort(Comparator.comparingDouble((Result r) -> Double.parseDouble(r.score())).reversed());
		if (this.protocol.topNField != null && request.body().hasNonNull(this.protocol.topNField)) {
			int topN = request.body().get(this.protocol.topNField).asInt();
			results = new ArrayList<>(results.subList(0, Math.min(topN, results.size())));
		}
		if (this.shuffle) {
			Collections.shuffle(results, new Random(results.size() * 31L + query.length()));
		}
		return this.protocol.render(results);
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body, Duration retryAfter)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if (retryAfter != null) {
			exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
		}
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
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
	 * A request as received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param authorization the Authorization header, or null
	 * @param contentType the Content-Type header
	 * @param body the JSON body
	 */
	public record RecordedRequest(String method, String path, String authorization, String contentType, JsonNode body) {

		/** The texts sent, whatever the protocol calls the field. */
		public List<String> texts(Protocol protocol) {
			List<String> texts = new ArrayList<>();
			body().path(protocol.documentsField).forEach(node -> texts.add(node.asString()));
			return texts;
		}

	}

	/**
	 * One result in a reply.
	 *
	 * @param index the index to send
	 * @param score the score, as a JSON literal (so that {@code "NaN"} or {@code null}
	 * can be sent)
	 */
	public record Result(int index, String score) {

		public static Result of(int index, double score) {
			return new Result(index, Double.toString(score));
		}

	}

	/** The rerank protocols the server speaks. */
	public enum Protocol {

		/** Cohere {@code /v2/rerank}. */
		COHERE("/v2/rerank", "documents", "top_n", "results", "relevance_score"),

		/** Jina {@code /v1/rerank} (also vLLM, llama.cpp server). */
		JINA("/v1/rerank", "documents", "top_n", "results", "relevance_score"),

		/** Voyage {@code /v1/rerank}. */
		VOYAGE("/v1/rerank", "documents", "top_k", "data", "relevance_score"),

		/** Hugging Face text-embeddings-inference {@code /rerank}: a bare array. */
		TEI("/rerank", "texts", null, null, "score");

		final String path;

		final String documentsField;

		final String topNField;

		final String resultsField;

		final String scoreField;

		Protocol(String path, String documentsField, String topNField, String resultsField, String scoreField) {
			this.path = path;
			this.documentsField = documentsField;
			this.topNField = topNField;
			this.resultsField = resultsField;
			this.scoreField = scoreField;
		}

		public String path() {
			return this.path;
		}

		public String documentsField() {
			return this.documentsField;
		}

		public String topNField() {
			return this.topNField;
		}

		/** Renders results in this protocol's response shape. */
		public String render(List<Result> results) {
			StringBuilder array = new StringBuilder("[");
			for (Result result : results) {
				if (array.length() > 1) {
					array.append(',');
				}
				array.append("{\"index\":")
					.append(result.index())
					.append(",\"")
					.append(this.scoreField)
					.append("\":")
					.append(result.score())
					.append('}');
			}
			array.append(']');
			if (this.resultsField == null) {
				return array.toString();
			}
			ObjectNode envelope = JSON.createObjectNode();
			envelope.put("id", "loopback");
			envelope.put("model", "loopback-model");
			String prefix = JSON.writeValueAsString(envelope);
			return prefix.substring(0, prefix.length() - 1) + ",\"" + this.resultsField + "\":" + array + "}";
		}

	}

	/** What the server does with one request. */
	public static final class Reply {

		enum Kind {

			NORMAL, RAW, RESULTS, TRUNCATED, DROP

		}

		final Kind kind;

		final int status;

		final String contentType;

		final String body;

		final Duration retryAfter;

		final Duration delay;

		final List<Result> results;

		private Reply(Kind kind, int status, String contentType, String body, Duration retryAfter, Duration delay,
				List<Result> results) {
			this.kind = kind;
			this.status = status;
			this.contentType = contentType;
			this.body = body;
			this.retryAfter = retryAfter;
			this.delay = delay;
			this.results = results;
		}

		/** The protocol's correct answer. */
		public static Reply normal() {
			return new Reply(Kind.NORMAL, 200, null, null, null, null, null);
		}

		/** The correct answer, after a pause. */
		public static Reply slow(Duration delay) {
			return new Reply(Kind.NORMAL, 200, null, null, null, delay, null);
		}

		/** A status with a JSON error body. */
		public static Reply status(int status) {
			return new Reply(Kind.RAW, status, "application/json", "{\"message\":\"scripted error " + status + "\"}",
					null, null, null);
		}

		/** A status with a {@code Retry-After} header (seconds). */
		public static Reply status(int status, Duration retryAfter) {
			return new Reply(Kind.RAW, status, "application/json", "{\"message\":\"slow down\"}", retryAfter, null,
					null);
		}

		/** An HTML error page, as a proxy or load balancer sends it. */
		public static Reply html(int status) {
			return new Reply(Kind.RAW, status, "text/html",
					"<html><head><title>" + status + "</title></head><body><h1>Bad Gateway</h1></body></html>", null,
					null, null);
		}

		/** Any body with any status and content type. */
		public static Reply raw(int status, String contentType, String body) {
			return new Reply(Kind.RAW, status, contentType, body, null, null, null);
		}

		/** A 200 with exactly these results, in the protocol's shape. */
		public static Reply results(Result... results) {
			return new Reply(Kind.RESULTS, 200, null, null, null, null, List.of(results));
		}

		/** The first half of the correct answer, declared complete. */
		public static Reply truncated() {
			return new Reply(Kind.TRUNCATED, 200, null, null, null, null, null);
		}

		/** The connection is closed without an answer. */
		public static Reply drop() {
			return new Reply(Kind.DROP, 0, null, null, null, null, null);
		}

	}

}

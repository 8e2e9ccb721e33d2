package dev.reranker.testfixtures.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on the loopback interface that speaks OpenAI's chat completions
 * protocol ({@code POST …/chat/completions}, non-streaming), so Spring AI's OpenAI
 * {@code ChatModel} can be tested end to end. What it answers is up to the test: a
 * responder function reads the request's messages (the prompt a model would see) and
 * returns the assistant's text, deterministically.
 */
public final class LoopbackChatServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor;

	private final Function<ChatRequest, String> responder;

	private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	private LoopbackChatServer(Function<ChatRequest, String> responder) throws IOException {
		this.responder = responder;
		this.executor = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "loopback-chat-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Starts a server on a free loopback port.
	 * @param responder the assistant's answer to a request
	 * @return the running server
	 */
	public static LoopbackChatServer start(Function<ChatRequest, String> responder) {
		try {
			return new LoopbackChatServer(responder);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the base URL to give an OpenAI client ({@code spring.ai.openai.base-url})
	 */
	public String baseUrl() {
		InetSocketAddress address = this.server.getAddress();
		return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/v1";
	}

	/**
	 * @return the chat requests received so far, in arrival order
	 */
	public List<ChatRequest> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
				send(exchange, 404, "{\"error\":{\"message\":\"unknown endpoint " + path
						+ "\",\"type\":\"invalid_request_error\"}}");
				return;
			}
			JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
			List<Message> messages = new ArrayList<>();
			for (JsonNode message : body.path("messages")) {
				messages.add(new Message(message.path("role").asString(""), content(message.path("content"))));
			}
			ChatRequest request = new ChatRequest(body.path("model").asString(""), messages,
					String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			this.requests.add(request);
			String answer;
			try {
				answer = this.responder.apply(request);
			}
			catch (RuntimeException ex) {
				send(exchange, 500, "{\"error\":{\"message\":\"responder failed: " + ex.getMessage().replace('"', '\'')
						+ "\",\"type\":\"server_error\"}}");
				return;
			}
			send(exchange, 200, JSON.writeValueAsString(completion(request, answer)));
		}
	}

	private ObjectNode completion(ChatRequest request, String answer) {
		ObjectNode completion = JSON.createObjectNode();
		completion.put("id", "chatcmpl-loopback-" + this.ids.incrementAndGet());
		completion.put("object", "chat.completion");
		completion.put("created", System.currentTimeMillis() / 1000);
		completion.put("model", request.model().isEmpty() ? "loopback" : request.model());
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", answer);
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		int prompt = request.messages().stream().mapToInt(m -> m.content().split("\\s+").length).sum();
		int completionTokens = answer.split("\\s+").length;
		ObjectNode usage = completion.putObject("usage");
		usage.put("prompt_tokens", prompt);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", prompt + completionTokens);
		return completion;
	}

	/** A message's content: a string, or an array of text parts. */
	private static String content(JsonNode content) {
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			content.forEach(part -> text.append(part.path("text").asString("")));
			return text.toString();
		}
		return content.asString("");
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * A chat message as received.
	 *
	 * @param role {@code system}, {@code user} or {@code assistant}
	 * @param content its text
	 */
	public record Message(String role, String content) {

	}

	/**
	 * A chat completion request as received.
	 *
	 * @param model the requested model
	 * @param messages the conversation, in order
	 * @param authorization the Authorization header, for checking that a key was sent
	 */
	public record ChatRequest(String model, List<Message> messages, String authorization) {

		public ChatRequest {
			messages = List.copyOf(messages);
		}

		/**
		 * @return the content of the last user message (the prompt)
		 */
		public String lastUserMessage() {
			for (int i = this.messages.size() - 1; i >= 0; i--) {
				if (this.messages.get(i).role().equals("user")) {
					return this.messages.get(i).content();
				}
			}
			return "";
		}

	}

}

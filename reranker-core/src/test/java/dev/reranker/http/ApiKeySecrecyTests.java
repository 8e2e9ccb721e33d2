package dev.reranker.http;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import dev.reranker.FailureMode;
import dev.reranker.RerankRequest;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.RecordedRequest;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Result;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * The API key never shows up in logs (captured at DEBUG, Spring's HTTP and retry logging
 * included, and kept out of the test output), exception messages, causes, stack traces or
 * {@code toString()}, whatever happens to the call, even when the server echoes the
 * {@code Authorization} header back.
 */
class ApiKeySecrecyTests {

	private static final String KEY = "sk-live-SECRET-0123456789abcdef";

	// A part of the key that no redacted text may show, even cut off.
	private static final String KEY_PART = "SECRET";

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private Level previousLevel;

	private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

	private LoopbackRerankServer server;

	@BeforeEach
	void captureLogs() {
		this.previousLevel = this.root.getLevel();
		this.root.setLevel(Level.DEBUG);
		// Captured, not printed: the DEBUG stack traces would fill the test output.
		this.root.iteratorForAppenders().forEachRemaining(this.detached::add);
		this.detached.forEach(this.root::detachAppender);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	@AfterEach
	void restore() {
		this.root.detachAppender(this.appender);
		this.detached.forEach(this.root::addAppender);
		this.root.setLevel(this.previousLevel);
		if (this.server != null) {
			this.server.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void keyStaysSecretThroughSuccessRetriesErrorsAndTimeouts(Protocol protocol) {
		this.server = LoopbackRerankServer.start(protocol);
		RemoteCallSettings settings = new RemoteCallSettings(Duration.ofMillis(600), 2, Duration.ofMillis(10),
				Duration.ofMillis(20));
		RemoteRerankModel model = RemoteModels.create(this.server, KEY, settings, 100, null);
		List<Document> documents = List.of(new Document("spring"), new Document("reranker"));
		Query query = new Query("spring reranker");
		List<String> seen = new ArrayList<>();
		seen.add(model.toString());
		for (FailureMode mode : FailureMode.values()) {
			RerankingDocumentPostProcessor postProcessor = RerankingDocumentPostProcessor.builder()
				.rerankModel(model)
				.failureMode(mode)
				.build();
			seen.add(postProcessor.toString());
			this.server.enqueue(Reply.normal(), Reply.status(503), Reply.drop(), Reply.normal(),
					Reply.raw(401, "application/json", "{\"message\":\"invalid api key " + KEY + "\"}"),
					Reply.slow(Duration.ofSeconds(1)));
			for (int i = 0; i < 4; i++) {
				try {
					seen.add(postProcessor.process(query, documents).toString());
				}
				catch (RuntimeException ex) {
					for (Throwable t = ex; t != null; t = t.getCause()) {
						seen.add(String.valueOf(t.getMessage()));
						seen.add(t.toString());
					}
				}
			}
		}
		List<ILoggingEvent> events;
		synchronized (this.appender) {
			// Abandoned attempts may still log from other threads.
			events = new ArrayList<>(this.appender.list);
		}
		for (ILoggingEvent event : events) {
			seen.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
			}
		}

		assertThat(this.server.requests())
			.allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + KEY));
		assertThat(events).as("DEBUG logging was captured").hasSizeGreaterThan(10);
		assertThat(seen).noneMatch(text -> text.contains(KEY));
		assertThat(seen).anyMatch(text -> text.contains("[REDACTED]"));
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void keyEchoedIntoA2xxBodyStaysOutOfTheCauseChainAndTheLogs(Protocol protocol) {
		// The score field carries the echoed header: the JSON parser's message quotes it.
		assertEchoRedacted(protocol, request -> Reply.raw(200, "application/json",
				protocol.render(List.of(new Result(0, "\"" + request.authorization() + "\"")))), true);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void keyEchoedIntoAnErrorBodyStaysOutOfTheCauseChainAndTheLogs(Protocol protocol) {
		// 503 is retried, so Spring's RetryTemplate logs every failure at DEBUG; the key
		// straddles the end of the excerpt quoted in the message.
		String padding = "x".repeat(167);
		assertEchoRedacted(protocol, request -> Reply.raw(503, "application/json",
				"{\"message\":\"" + padding + request.authorization() + " is not allowed\"}"), false);
	}

	private void assertEchoRedacted(Protocol protocol, Function<RecordedRequest, Reply> echo, boolean hasCause) {
		this.server = LoopbackRerankServer.start(protocol).faults(echo);
		RemoteCallSettings settings = new RemoteCallSettings(Duration.ofSeconds(5), 2, Duration.ofMillis(5),
				Duration.ofMillis(10));
		RemoteRerankModel model = RemoteModels.create(this.server, KEY, settings, 100, null);

		Throwable thrown = catchThrowable(() -> model.call(new RerankRequest("spring", List.of("spring", "summer"))));
		RerankingDocumentPostProcessor.builder()
			.rerankModel(model)
			.failureMode(FailureMode.FALLBACK)
			.build()
			.process(new Query("spring"), List.of(new Document("spring")));

		assertThat(thrown).isInstanceOf(RemoteRerankException.class);
		assertThat(this.server.requests()).isNotEmpty()
			.allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + KEY));
		List<String> seen = new ArrayList<>(chainTexts(thrown));
		List<ILoggingEvent> events = capturedEvents();
		assertThat(events).as("DEBUG logging was captured")
			.anyMatch(event -> event.getLevel() == Level.DEBUG && event.getThrowableProxy() != null);
		for (ILoggingEvent event : events) {
			seen.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
			}
		}
		assertThat(seen).noneMatch(text -> text.contains(KEY_PART));
		assertThat(String.valueOf(thrown.getMessage())).contains("[REDACTED]");
		if (hasCause) {
			Throwable root = thrown;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			assertThat(thrown.getCause()).as("the chain stays, each exception replaced by a redacted copy")
				.isInstanceOf(RedactedCause.class);
			assertThat(root).as("the parser's failure, redacted")
				.isInstanceOf(RedactedCause.class)
				.hasMessageContaining("[REDACTED]");
			assertThat(((RedactedCause) root).getOriginalType()).startsWith("tools.jackson");
		}
	}

	private List<ILoggingEvent> capturedEvents() {
		synchronized (this.appender) {
			// Abandoned attempts may still log from other threads.
			return new ArrayList<>(this.appender.list);
		}
	}

	/** Message, toString and stack trace of every exception in the chain. */
	private static List<String> chainTexts(Throwable thrown) {
		List<String> texts = new ArrayList<>();
		StringWriter trace = new StringWriter();
		thrown.printStackTrace(new PrintWriter(trace));
		texts.add(trace.toString());
		collect(thrown, texts, Collections.newSetFromMap(new IdentityHashMap<>()));
		return texts;
	}

	private static void collect(Throwable t, List<String> texts, Set<Throwable> seen) {
		if (t == null || !seen.add(t)) {
			return;
		}
		texts.add(String.valueOf(t.getMessage()));
		texts.add(String.valueOf(t.getLocalizedMessage()));
		texts.add(t.toString());
		collect(t.getCause(), texts, seen);
		for (Throwable suppressed : t.getSuppressed()) {
			collect(suppressed, texts, seen);
		}
	}

}

package dev.reranker.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import dev.reranker.FailureMode;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static org.assertj.core.api.Assertions.assertThat;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * The API key never shows up in logs (captured at DEBUG, Spring's HTTP and retry logging
 * included), exception messages or {@code toString()}, whatever happens to the call.
 */
class ApiKeySecrecyTests {

	private static final String KEY = "sk-live-SECRET-0123456789abcdef";

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private Level previousLevel;

	private LoopbackRerankServer server;

	@BeforeEach
	void captureLogs() {
		this.previousLevel = this.root.getLevel();
		this.root.setLevel(Level.DEBUG);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	@AfterEach
	void restore() {
		this.root.detachAppender(this.appender);
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

}

package dev.reranker.llm;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.reranker.RerankException;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which chat model failures {@link ChatJudge} retries: what Spring AI and Spring's HTTP
 * clients say about rate limits and overloaded servers.
 */
class ChatJudgeTests {

	@Test
	void springAiTransientFailuresAreRetried() {
		assertThat(ChatJudge.isTransient(new TransientAiException("500 - boom"))).isTrue();
		assertThat(ChatJudge.isTransient(new RerankException("llm", "wrapped", new TransientAiException("503"))))
			.isTrue();
	}

	@Test
	void rateLimitsThatSpringAiFilesAsNonTransientAreRetried() {
		// RetryUtils.DEFAULT_RESPONSE_ERROR_HANDLER's message: "<status> - <body>".
		assertThat(ChatJudge.isTransient(new NonTransientAiException("429 - {\"error\":\"rate limited\"}"))).isTrue();
		assertThat(ChatJudge.isTransient(new NonTransientAiException("401 - invalid key"))).isFalse();
		assertThat(ChatJudge.isTransient(new NonTransientAiException("4290 things"))).isFalse();
	}

	@Test
	void httpClientStatusesOfOverloadAreRetriedOthersAreNot() {
		assertThat(ChatJudge.isTransient(HttpClientErrorException.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(ChatJudge.isTransient(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(ChatJudge.isTransient(HttpClientErrorException.create(HttpStatus.BAD_REQUEST, "Bad",
				HttpHeaders.EMPTY, new byte[0], StandardCharsets.UTF_8)))
			.isFalse();
		assertThat(ChatJudge.isTransient(new IllegalStateException("no"))).isFalse();
	}

}

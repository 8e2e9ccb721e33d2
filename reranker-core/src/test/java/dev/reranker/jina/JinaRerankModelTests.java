package dev.reranker.jina;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Result;
import dev.reranker.http.RemoteRerankException;
import dev.reranker.jina.JinaRerankModel.ScoreMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Raw logits, as llama.cpp server's {@code /v1/rerank} returns them.
 */
class JinaRerankModelTests {

	private final LoopbackRerankServer server = LoopbackRerankServer.start(Protocol.JINA);

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void logisticMappingTurnsLogitsIntoScores() {
		JinaRerankModel model = JinaRerankModel.builder()
			.baseUrl(this.server.baseUrl())
			.scoreMapping(ScoreMapping.LOGISTIC)
			.build();
		this.server.enqueue(Reply.results(Result.of(1, -2.5), Result.of(0, 3.0)));

		List<Double> scores = model.score("q", List.of("a", "b"));

		assertThat(scores.get(0)).isCloseTo(1 / (1 + Math.exp(-3.0)), within(1e-12));
		assertThat(scores.get(1)).isCloseTo(1 / (1 + Math.exp(2.5)), within(1e-12));
	}

	@Test
	void logitsWithoutTheMappingAreReportedWithAdvice() {
		JinaRerankModel model = JinaRerankModel.builder().baseUrl(this.server.baseUrl()).build();
		this.server.enqueue(Reply.results(Result.of(1, -2.5), Result.of(0, 3.0)));

		assertThatThrownBy(() -> model.score("q", List.of("a", "b"))).isInstanceOf(RemoteRerankException.class)
			.hasMessageContaining("is not a number in [0, 1]")
			.hasMessageContaining("ScoreMapping.LOGISTIC (JinaRerankModel.Builder#scoreMapping)");
	}

}

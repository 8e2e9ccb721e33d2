package dev.reranker.autoconfigure.context;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;
import dev.reranker.autoconfigure.cohere.CohereRerankAutoConfiguration;
import dev.reranker.testfixtures.http.LoopbackRerankServer;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Reply;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Result;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The context-step tests' fixture: Cohere's API on loopback answering the scores a test
 * gives, a runner with the auto-configured post-processor pointed at it, and the ids that
 * come out of a rerank. Register with {@code @RegisterExtension}; one server per test.
 */
final class ScoringCohereServer implements BeforeEachCallback, AfterEachCallback {

	private LoopbackRerankServer server;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server = LoopbackRerankServer.start(Protocol.COHERE);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.server.close();
	}

	LoopbackRerankServer server() {
		return this.server;
	}

	/** The Cohere provider and the post-processor, against this server. */
	ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					CohereRerankAutoConfiguration.class, RerankerAutoConfiguration.class))
			.withPropertyValues("reranker.provider=cohere", "reranker.cohere.api-key=test-key",
					"reranker.cohere.base-url=" + this.server.baseUrl());
	}

	/**
	 * Reranks with the server answering {@code scores[i]} for document {@code i}.
	 * @return the ids of the returned documents, in order
	 */
	List<String> rerank(RerankingDocumentPostProcessor processor, String query, List<Document> documents,
			double... scores) {
		Result[] results = new Result[scores.length];
		for (int i = 0; i < scores.length; i++) {
			results[i] = Result.of(i, scores[i]);
		}
		this.server.enqueue(Reply.results(results));
		return processor.process(new Query(query), documents).stream().map(Document::getId).toList();
	}

}

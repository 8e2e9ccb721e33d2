package dev.reranker.http;

import java.time.Duration;

import org.springframework.core.retry.RetryListener;

import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer.Protocol;
import dev.reranker.jina.JinaRerankModel;
import dev.reranker.tei.TeiRerankModel;
import dev.reranker.voyage.VoyageRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * Builds the remote rerank model that speaks a {@link Protocol}, pointed at a loopback
 * server.
 */
public final class RemoteModels {

	/**
	 * Short back-off so that failure tests stay fast; a deadline with room for a busy
	 * machine.
	 */
	public static final RemoteCallSettings FAST = new RemoteCallSettings(Duration.ofSeconds(5), 3,
			Duration.ofMillis(20), Duration.ofMillis(200));

	private RemoteModels() {
	}

	public static RemoteRerankModel create(LoopbackRerankServer server, String apiKey) {
		return create(server, apiKey, FAST, Integer.MAX_VALUE, null);
	}

	public static RemoteRerankModel create(LoopbackRerankServer server, String apiKey, RemoteCallSettings settings,
			int maxDocumentsPerRequest, RetryListener retryListener) {
		int max = (maxDocumentsPerRequest == Integer.MAX_VALUE) ? defaultMax(server.protocol())
				: maxDocumentsPerRequest;
		return switch (server.protocol()) {
			case COHERE -> CohereRerankModel.builder()
				.baseUrl(server.baseUrl())
				.apiKey(apiKey)
				.settings(settings)
				.maxDocumentsPerRequest(max)
				.retryListener(retryListener)
				.build();
			case JINA -> JinaRerankModel.builder()
				.baseUrl(server.baseUrl())
				.apiKey(apiKey)
				.settings(settings)
				.maxDocumentsPerRequest(max)
				.retryListener(retryListener)
				.build();
			case VOYAGE -> VoyageRerankModel.builder()
				.baseUrl(server.baseUrl())
				.apiKey(apiKey)
				.settings(settings)
				.maxDocumentsPerRequest(max)
				.retryListener(retryListener)
				.build();
			case TEI -> TeiRerankModel.builder()
				.baseUrl(server.baseUrl())
				.apiKey(apiKey)
				.settings(settings)
				.maxDocumentsPerRequest(max)
				.retryListener(retryListener)
				.build();
		};
	}

	private static int defaultMax(Protocol protocol) {
		return switch (protocol) {
			case COHERE -> CohereRerankModel.MAX_DOCUMENTS_PER_REQUEST;
			case JINA -> JinaRerankModel.MAX_DOCUMENTS_PER_REQUEST;
			case VOYAGE -> VoyageRerankModel.MAX_DOCUMENTS_PER_REQUEST;
			case TEI -> TeiRerankModel.DEFAULT_BATCH_SIZE;
		};
	}

}

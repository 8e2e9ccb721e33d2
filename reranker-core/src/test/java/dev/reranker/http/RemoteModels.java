package dev.reranker.http;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.core.retry.RetryListener;

import dev.reranker.cohere.CohereRerankModel;
import dev.reranker.jina.JinaRerankModel;
import dev.reranker.tei.TeiRerankModel;
import dev.reranker.voyage.VoyageRerankModel;
import dev.reranker.testfixtures.http.LoopbackRerankServer;

/**
 * Builds the remote rerank model that speaks a loopback server's protocol, pointed at
 * that server.
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

	/**
	 * A model with the given settings, sending at most {@code maxDocumentsPerRequest}
	 * documents per request ({@link Integer#MAX_VALUE} keeps the provider's default).
	 */
	public static RemoteRerankModel create(LoopbackRerankServer server, String apiKey, RemoteCallSettings settings,
			int maxDocumentsPerRequest, RetryListener retryListener) {
		return create(server, builder -> {
			builder.apiKey(apiKey).settings(settings).retryListener(retryListener);
			if (maxDocumentsPerRequest != Integer.MAX_VALUE) {
				builder.maxDocumentsPerRequest(maxDocumentsPerRequest);
			}
		});
	}

	/**
	 * The model that speaks the server's protocol, pointed at it, configured further by
	 * {@code customizer}.
	 */
	public static RemoteRerankModel create(LoopbackRerankServer server,
			Consumer<RemoteRerankModel.Builder<?>> customizer) {
		return switch (server.protocol()) {
			case COHERE -> configure(CohereRerankModel.builder(), server, customizer).build();
			case JINA -> configure(JinaRerankModel.builder(), server, customizer).build();
			case VOYAGE -> configure(VoyageRerankModel.builder(), server, customizer).build();
			case TEI -> configure(TeiRerankModel.builder(), server, customizer).build();
		};
	}

	private static <B extends RemoteRerankModel.Builder<B>> B configure(B builder, LoopbackRerankServer server,
			Consumer<RemoteRerankModel.Builder<?>> customizer) {
		builder.baseUrl(server.baseUrl());
		customizer.accept(builder);
		return builder;
	}

}

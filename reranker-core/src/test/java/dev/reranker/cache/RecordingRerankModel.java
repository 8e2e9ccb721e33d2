package dev.reranker.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reranker.RerankModel;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.testfixtures.TermOverlap;

/**
 * A real (term-overlap) rerank model that records every request it receives, so tests can
 * see which documents reached the model past the cache.
 */
class RecordingRerankModel implements RerankModel {

	final List<RerankRequest> requests = new CopyOnWriteArrayList<>();

	@Override
	public RerankResponse call(RerankRequest request) {
		this.requests.add(request);
		List<RerankResult> results = new ArrayList<>();
		for (int i = 0; i < request.documents().size(); i++) {
			results.add(new RerankResult(i, TermOverlap.score(request.query(), request.documents().get(i))));
		}
		return new RerankResponse(results,
				new RerankResponseMetadata(getDefaultOptions().merge(request.options()).getModel()));
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return RerankOptions.builder().model("term-overlap").build();
	}

	@Override
	public String getProviderName() {
		return "test";
	}

	/** Every document the model was sent, over all requests. */
	List<String> documentsSent() {
		return this.requests.stream().flatMap((request) -> request.documents().stream()).toList();
	}

}

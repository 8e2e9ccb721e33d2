package dev.reranker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.reranker.testfixtures.TermOverlap;

/**
 * A small but real rerank model for tests of ranking policy, scoring with
 * {@link TermOverlap} (the fraction of the query's distinct terms a text contains).
 * Counts its calls and remembers the last request so tests can see what the
 * post-processor sent.
 */
public class TermOverlapRerankModel implements RerankModel {

	final AtomicInteger calls = new AtomicInteger();

	volatile RerankRequest lastRequest;

	@Override
	public RerankResponse call(RerankRequest request) {
		this.calls.incrementAndGet();
		this.lastRequest = request;
		List<RerankResult> results = new ArrayList<>();
		for (int i = 0; i < request.documents().size(); i++) {
			results.add(new RerankResult(i, TermOverlap.score(request.query(), request.documents().get(i))));
		}
		return new RerankResponse(results, new RerankResponseMetadata("term-overlap"));
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return RerankOptions.builder().model("term-overlap").build();
	}

	@Override
	public String getProviderName() {
		return "test";
	}

}

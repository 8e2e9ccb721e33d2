package dev.reranker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A small but real rerank model for tests of ranking policy: the score of a text is the
 * fraction of the query's distinct terms it contains. Counts its calls and remembers the
 * last request so tests can see what the post-processor sent.
 */
public class TermOverlapRerankModel implements RerankModel {

	final AtomicInteger calls = new AtomicInteger();

	volatile RerankRequest lastRequest;

	@Override
	public RerankResponse call(RerankRequest request) {
		this.calls.incrementAndGet();
		this.lastRequest = request;
		Set<String> queryTerms = terms(request.query());
		List<RerankResult> results = new ArrayList<>();
		for (int i = 0; i < request.documents().size(); i++) {
			Set<String> documentTerms = terms(request.documents().get(i));
			long shared = queryTerms.stream().filter(documentTerms::contains).count();
			results.add(new RerankResult(i, queryTerms.isEmpty() ? 0.0 : (double) shared / queryTerms.size()));
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

	public static Set<String> terms(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(term -> !term.isEmpty())
			.collect(Collectors.toSet());
	}

}

package dev.reranker.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.reranker.RerankModel;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.autoconfigure.RerankerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A test rerank provider, {@code reranker.provider=term-overlap}, auto-configured like
 * the real ones: it scores the share of query words a document contains. Its model name
 * comes from {@code reranker.term-overlap.model}, so tests can see which properties
 * reached it; the model {@code inverse} scores 1 − that share, a deliberately bad
 * reranker whose top documents share the fewest query words.
 */
@AutoConfiguration(before = RerankerAutoConfiguration.class)
@ConditionalOnProperty(name = "reranker.provider", havingValue = "term-overlap")
public class TermOverlapProviderAutoConfiguration {

	@Bean
	RerankModel termOverlapRerankModel(Environment environment) {
		String model = environment.getProperty("reranker.term-overlap.model", "words");
		boolean inverse = model.equals("inverse");
		return new RerankModel() {

			@Override
			public RerankResponse call(RerankRequest request) {
				Set<String> queryWords = words(request.query());
				List<RerankResult> results = new ArrayList<>();
				for (int i = 0; i < request.documents().size(); i++) {
					Set<String> documentWords = words(request.documents().get(i));
					long shared = queryWords.stream().filter(documentWords::contains).count();
					double share = queryWords.isEmpty() ? 0 : (double) shared / queryWords.size();
					results.add(new RerankResult(i, inverse ? 1 - share : share));
				}
				return new RerankResponse(results);
			}

			@Override
			public RerankOptions getDefaultOptions() {
				return RerankOptions.builder().model(model).build();
			}

			@Override
			public String getProviderName() {
				return "term-overlap";
			}

		};
	}

	private static Set<String> words(String text) {
		return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\W+"))
			.filter(word -> word.length() > 2)
			.collect(Collectors.toSet());
	}

}

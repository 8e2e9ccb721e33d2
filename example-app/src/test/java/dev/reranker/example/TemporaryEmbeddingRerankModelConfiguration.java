package dev.reranker.example;

import java.util.ArrayList;
import java.util.List;

import dev.reranker.RerankModel;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEMPORARY until the `embedding` provider lands on main: the same rescoring, (cos + 1) / 2.
 */
@TestConfiguration(proxyBeanMethods = false)
class TemporaryEmbeddingRerankModelConfiguration {

	@Bean
	RerankModel temporaryEmbeddingRerankModel(@Qualifier("bgeSmallEmbeddingModel") EmbeddingModel model) {
		return new RerankModel() {
			@Override
			public RerankResponse call(dev.reranker.RerankRequest request) {
				List<String> texts = new ArrayList<>();
				texts.add(request.query());
				texts.addAll(request.documents());
				List<float[]> vectors = model.embed(texts);
				List<RerankResult> results = new ArrayList<>();
				for (int i = 0; i < request.documents().size(); i++) {
					results.add(new RerankResult(i,
							(SimpleVectorStore.EmbeddingMath.cosineSimilarity(vectors.get(0), vectors.get(i + 1)) + 1)
									/ 2));
				}
				return new RerankResponse(results);
			}

			@Override
			public String getProviderName() {
				return "embedding";
			}
		};
	}

}

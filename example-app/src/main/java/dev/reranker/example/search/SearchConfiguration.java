package dev.reranker.example.search;

import dev.reranker.autoconfigure.rag.RerankerAdvisorProperties;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The first stage used by the search API: the same retrieval the auto-configured advisor
 * runs. Hybrid (vector + BM25 keyword, fused with RRF) when the keyword arm is configured
 * (the pgvector profile), vector search alone otherwise.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	@Bean
	FirstStage firstStage(VectorStore vectorStore, ObjectProvider<PgKeywordDocumentRetriever> keywordRetriever,
			ObjectProvider<RerankerAdvisorProperties> advisorProperties) {
		PgKeywordDocumentRetriever keyword = keywordRetriever.getIfUnique();
		if (keyword == null) {
			return new VectorFirstStage(vectorStore);
		}
		RerankerAdvisorProperties.Fusion fusion = advisorProperties.getObject().getFusion();
		return new HybridFirstStage(vectorStore, keyword, fusion.getK(), fusion.getVectorWeight(),
				fusion.getKeywordWeight());
	}

}

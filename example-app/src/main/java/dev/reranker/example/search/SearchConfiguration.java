package dev.reranker.example.search;

import dev.reranker.autoconfigure.rag.RerankerAdvisorAutoConfiguration;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The first stage used by the search API: the auto-configured advisor's first-stage
 * retriever bean. Hybrid (vector + BM25 keyword, fused with RRF) when the keyword arm is
 * configured (the pgvector profile), vector search alone otherwise; plain vector search
 * when the advisor is switched off.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

	@Bean
	FirstStage firstStage(VectorStore vectorStore,
			@Qualifier(RerankerAdvisorAutoConfiguration.FIRST_STAGE_RETRIEVER_BEAN_NAME) ObjectProvider<DocumentRetriever> advisorFirstStage,
			ObjectProvider<PgKeywordDocumentRetriever> keywordRetriever) {
		DocumentRetriever retriever = advisorFirstStage.getIfAvailable();
		if (retriever == null) {
			return new VectorFirstStage(SearchStores.forSearch(vectorStore));
		}
		if (keywordRetriever.getIfAvailable() != null) {
			return new RetrieverFirstStage(retriever,
					"hybrid: vector (" + vectorStore.getName() + ") + BM25 keyword, fused by RRF", "fused RRF score");
		}
		return new RetrieverFirstStage(retriever, "vector search (" + vectorStore.getName() + ")", "similarity");
	}

}

package dev.reranker.example.search;

import java.util.List;

import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.ReciprocalRankFusionDocumentJoiner;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * Hybrid first stage: vector search and BM25 keyword search on the same PostgreSQL table,
 * fused with reciprocal rank fusion (the pipeline the auto-configured advisor runs when
 * reranker.advisor.keyword.enabled=true).
 */
public class HybridFirstStage implements FirstStage {

	private final VectorStore vectorStore;

	private final PgKeywordDocumentRetriever keywordRetriever;

	private final int k;

	private final double vectorWeight;

	private final double keywordWeight;

	public HybridFirstStage(VectorStore vectorStore, PgKeywordDocumentRetriever keywordRetriever, int k,
			double vectorWeight, double keywordWeight) {
		this.vectorStore = vectorStore;
		this.keywordRetriever = keywordRetriever;
		this.k = k;
		this.vectorWeight = vectorWeight;
		this.keywordWeight = keywordWeight;
	}

	@Override
	public List<Document> retrieve(String query, int candidates) {
		FusionDocumentRetriever retriever = FusionDocumentRetriever.builder()
			.retriever(VectorStoreDocumentRetriever.builder().vectorStore(this.vectorStore).topK(candidates).build())
			.retriever(this.keywordRetriever)
			.joiner(ReciprocalRankFusionDocumentJoiner.builder()
				.k(this.k)
				.weights(this.vectorWeight, this.keywordWeight)
				.limit(candidates)
				.build())
			.build();
		return retriever.retrieve(new Query(query));
	}

	@Override
	public String description() {
		return "hybrid: vector (" + this.vectorStore.getName() + ") + BM25 keyword, fused by RRF";
	}

}

package dev.reranker.example.search;

import java.util.List;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * First stage by vector similarity alone.
 */
public class VectorFirstStage implements FirstStage {

	private final VectorStore vectorStore;

	public VectorFirstStage(VectorStore vectorStore) {
		this.vectorStore = vectorStore;
	}

	@Override
	public List<Document> retrieve(String query, int candidates) {
		return this.vectorStore.similaritySearch(SearchRequest.builder().query(query).topK(candidates).build());
	}

	@Override
	public String description() {
		return "vector search (" + this.vectorStore.getName() + ")";
	}

}

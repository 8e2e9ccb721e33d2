package dev.reranker.eval.firststage;

import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.util.Assert;

/**
 * Dense retrieval: similarity search in a Spring AI vector store (the in-memory
 * {@code SimpleVectorStore} or {@code PgVectorStore}), every similarity accepted.
 */
public final class VectorSearchFirstStage implements FirstStage {

	private final String name;

	private final String label;

	private final VectorStoreIndex index;

	/**
	 * @param name the name in reports
	 * @param label the name with the model and settings, in reports
	 * @param index the store to search
	 */
	public VectorSearchFirstStage(String name, String label, VectorStoreIndex index) {
		Assert.hasText(name, "name must not be blank");
		Assert.notNull(index, "index must not be null");
		this.name = name;
		this.label = label;
		this.index = index;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String label() {
		return this.label;
	}

	@Override
	public List<SetupStep> index(List<Document> documents, IntConsumer progress) {
		return this.index.ensureIndexed(documents, progress);
	}

	@Override
	public List<Document> retrieve(String query, int topK) {
		return this.index.getVectorStore()
			.similaritySearch(SearchRequest.builder().query(query).topK(topK).similarityThresholdAll().build());
	}

}

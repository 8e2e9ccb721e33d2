package dev.reranker.example.search;

import dev.reranker.retrieval.vector.TopKPgVectorStore;

import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;

/**
 * The store to search when the app builds its own vector search (the advisor switched
 * off): a {@link PgVectorStore} through {@link TopKPgVectorStore}, whose searches return
 * the candidates asked for instead of at most {@code hnsw.ef_search} (40); any other
 * store as is. The auto-configured advisor does the same by itself.
 */
public final class SearchStores {

	private SearchStores() {
	}

	public static VectorStore forSearch(VectorStore store) {
		return (store instanceof PgVectorStore pgVectorStore) ? TopKPgVectorStore.builder(pgVectorStore).build()
				: store;
	}

}

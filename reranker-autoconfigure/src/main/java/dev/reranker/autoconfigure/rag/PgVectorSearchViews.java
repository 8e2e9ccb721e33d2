package dev.reranker.autoconfigure.rag;

import dev.reranker.retrieval.vector.TopKPgVectorStore;

import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.util.ClassUtils;

/**
 * The store the advisor's vector arm searches: a {@link PgVectorStore} through
 * {@link TopKPgVectorStore}, so that its approximate index returns
 * {@code reranker.advisor.candidates} rows instead of {@code hnsw.ef_search} (40); any
 * other store as is. Safe without pgvector on the class path.
 */
final class PgVectorSearchViews {

	private static final boolean PGVECTOR_PRESENT = isPresent(
			"org.springframework.ai.vectorstore.pgvector.PgVectorStore")
			&& isPresent("org.springframework.jdbc.core.JdbcTemplate")
			&& isPresent("dev.reranker.retrieval.vector.TopKPgVectorStore");

	private PgVectorSearchViews() {
	}

	static VectorStore forSearch(VectorStore store) {
		return PGVECTOR_PRESENT ? PgVector.forSearch(store) : store;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, PgVectorSearchViews.class.getClassLoader());
	}

	/** Loaded only when pgvector is on the class path. */
	private static final class PgVector {

		static VectorStore forSearch(VectorStore store) {
			return (store instanceof PgVectorStore pgVectorStore) ? TopKPgVectorStore.builder(pgVectorStore).build()
					: store;
		}

	}

}

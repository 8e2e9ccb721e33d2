package dev.reranker.eval.firststage;

import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.ai.document.Document;

/**
 * A first-stage retriever under evaluation: it indexes the corpus once, then returns
 * candidates for each query, best first.
 */
public interface FirstStage {

	/**
	 * A short name used in reports ({@code dense}, {@code keyword}, {@code hybrid}, …).
	 * @return the name
	 */
	String name();

	/**
	 * Indexes the corpus. Stages that share an index (e.g. two arms over one table) index
	 * it only once.
	 * @param documents the corpus, as Spring AI documents
	 * @param progress told how many documents were indexed after each batch
	 */
	void index(List<Document> documents, IntConsumer progress);

	/**
	 * Retrieves candidates for a query.
	 * @param query the query text
	 * @param topK how many candidates to return at most
	 * @return the candidates, best first
	 */
	List<Document> retrieve(String query, int topK);

}

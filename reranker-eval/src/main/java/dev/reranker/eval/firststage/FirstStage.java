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
	 * The name with what it is made of (model, settings), as reports show it, e.g.
	 * {@code dense (all-minilm-l6-v2, fp32, mean pooling, 256 tokens)}.
	 * @return the label; the name by default
	 */
	default String label() {
		return name();
	}

	/**
	 * Indexes the corpus. Stages that share an index (e.g. two arms over one table) index
	 * it only once.
	 * @param documents the corpus, as Spring AI documents
	 * @param progress told how many documents were indexed after each batch
	 * @return what was done, each part timed on its own (corpus embedding apart from
	 * filling stores and building indexes)
	 */
	List<SetupStep> index(List<Document> documents, IntConsumer progress);

	/**
	 * Retrieves candidates for a query.
	 * @param query the query text
	 * @param topK how many candidates to return at most
	 * @return the candidates, best first
	 */
	List<Document> retrieve(String query, int topK);

}

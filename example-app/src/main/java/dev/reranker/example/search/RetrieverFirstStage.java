package dev.reranker.example.search;

import java.util.List;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * First stage through a {@link DocumentRetriever}: the auto-configured advisor's own
 * first stage, so the search API shows exactly the candidates the advisor reranks. The
 * retriever returns up to {@code reranker.advisor.candidates} per arm; a request for
 * fewer gets the best of them.
 */
public class RetrieverFirstStage implements FirstStage {

	private final DocumentRetriever retriever;

	private final String description;

	private final String scoreKind;

	/**
	 * @param retriever the retriever
	 * @param description what it does, for the page
	 * @param scoreKind what its scores are, for the page
	 */
	public RetrieverFirstStage(DocumentRetriever retriever, String description, String scoreKind) {
		this.retriever = retriever;
		this.description = description;
		this.scoreKind = scoreKind;
	}

	@Override
	public List<Document> retrieve(String query, int candidates) {
		List<Document> documents = this.retriever.retrieve(new Query(query));
		return (documents.size() > candidates) ? List.copyOf(documents.subList(0, candidates)) : documents;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public String scoreKind() {
		return this.scoreKind;
	}

}

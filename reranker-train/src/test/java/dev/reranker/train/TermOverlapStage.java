package dev.reranker.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.firststage.SetupStep;
import dev.reranker.eval.pipeline.Evaluator;
import dev.reranker.testfixtures.TermOverlap;

import org.springframework.ai.document.Document;

/** A first stage ranking a dataset's corpus by term overlap with the query. */
public final class TermOverlapStage implements FirstStage {

	private final List<Document> documents = new ArrayList<>();

	public TermOverlapStage(BeirDataset dataset) {
		dataset.corpus()
			.values()
			.forEach((document) -> this.documents.add(Document.builder()
				.text(document.content(true))
				.metadata(Evaluator.DOCUMENT_ID, document.id())
				.build()));
	}

	@Override
	public String name() {
		return "term-overlap";
	}

	@Override
	public List<SetupStep> index(List<Document> documents, IntConsumer progress) {
		return List.of();
	}

	@Override
	public List<Document> retrieve(String query, int topK) {
		return this.documents.stream()
			.sorted(Comparator.comparingDouble((Document d) -> -TermOverlap.score(query, d.getText())))
			.limit(topK)
			.toList();
	}

}

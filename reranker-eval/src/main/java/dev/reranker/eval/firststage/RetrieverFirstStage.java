package dev.reranker.eval.firststage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.util.Assert;

/**
 * A first stage made of a Spring AI {@link DocumentRetriever} (keyword search, or several
 * retrievers fused into one) over an index that another component fills.
 */
public final class RetrieverFirstStage implements FirstStage {

	private final String name;

	private final String label;

	private final VectorStoreIndex index;

	private final Supplier<SetupStep> prepare;

	private final IntFunction<DocumentRetriever> retrieverForTopK;

	private final Map<Integer, DocumentRetriever> retrievers = new ConcurrentHashMap<>();

	/**
	 * @param name the name in reports
	 * @param label the name with the model and settings, in reports
	 * @param index the store the retriever searches, filled before the first query
	 * @param prepare builds what the retriever needs beyond the store (e.g. the keyword
	 * index) once the store is filled, and says what it did
	 * @param retrieverForTopK creates the retriever that returns a given number of
	 * documents (retrievers take their top-k at construction)
	 */
	public RetrieverFirstStage(String name, String label, VectorStoreIndex index, Supplier<SetupStep> prepare,
			IntFunction<DocumentRetriever> retrieverForTopK) {
		Assert.hasText(name, "name must not be blank");
		this.name = name;
		this.label = label;
		this.index = index;
		this.prepare = prepare;
		this.retrieverForTopK = retrieverForTopK;
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
		List<SetupStep> steps = new ArrayList<>(this.index.ensureIndexed(documents, progress));
		steps.add(this.prepare.get());
		return List.copyOf(steps);
	}

	@Override
	public List<Document> retrieve(String query, int topK) {
		return this.retrievers.computeIfAbsent(topK, this.retrieverForTopK::apply).retrieve(new Query(query));
	}

}

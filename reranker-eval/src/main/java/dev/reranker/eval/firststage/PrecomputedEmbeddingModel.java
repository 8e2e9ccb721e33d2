package dev.reranker.eval.firststage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * An {@link EmbeddingModel} that embeds a corpus ahead of time in length-sorted batches
 * (one padded batch per call instead of one call per document), then answers
 * {@link #embed(Document)} and batched document embedding from those results. Vector
 * stores such as Spring AI's {@code SimpleVectorStore} embed documents one call at a
 * time; wrapping their model keeps their behaviour and cuts indexing time. Everything
 * else goes to the wrapped model.
 */
public final class PrecomputedEmbeddingModel implements EmbeddingModel {

	private final EmbeddingModel delegate;

	private final Map<String, float[]> byText = new ConcurrentHashMap<>();

	public PrecomputedEmbeddingModel(EmbeddingModel delegate) {
		this.delegate = delegate;
	}

	/**
	 * Embeds texts in batches of similar length.
	 * @param texts the texts
	 * @param batchSize texts per model call
	 * @param progress told the number of texts embedded after each batch
	 * @return how many texts were embedded now (the others were embedded before)
	 */
	public int precompute(List<String> texts, int batchSize, IntConsumer progress) {
		List<String> distinct = new ArrayList<>(new LinkedHashSet<>(texts));
		distinct.removeIf(this.byText::containsKey);
		distinct.sort(Comparator.comparingInt(String::length));
		int done = texts.size() - distinct.size();
		if (done > 0) {
			progress.accept(done);
		}
		for (int from = 0; from < distinct.size(); from += batchSize) {
			List<String> batch = distinct.subList(from, Math.min(from + batchSize, distinct.size()));
			List<float[]> embeddings = this.delegate.embed(batch);
			for (int i = 0; i < batch.size(); i++) {
				this.byText.put(batch.get(i), embeddings.get(i));
			}
			progress.accept(batch.size());
		}
		return distinct.size();
	}

	/** Forgets precomputed embeddings. */
	public void clear() {
		this.byText.clear();
	}

	/**
	 * Embeds documents as vector stores that batch (such as {@code PgVectorStore}) ask
	 * for them: precomputed embeddings are used, only the others go to the wrapped model.
	 */
	@Override
	public List<float[]> embed(List<Document> documents, @Nullable EmbeddingOptions options,
			BatchingStrategy batchingStrategy) {
		List<Document> missing = documents.stream().filter(document -> lookup(document) == null).toList();
		if (!missing.isEmpty()) {
			List<float[]> embedded = this.delegate.embed(missing, options, batchingStrategy);
			for (int i = 0; i < missing.size(); i++) {
				String text = missing.get(i).getText();
				if (text != null) {
					this.byText.put(text, embedded.get(i));
				}
			}
		}
		List<float[]> result = new ArrayList<>(documents.size());
		for (Document document : documents) {
			float[] embedding = lookup(document);
			result.add((embedding != null) ? embedding : this.delegate.embed(document));
		}
		return result;
	}

	private float @Nullable [] lookup(Document document) {
		String text = document.getText();
		return (text != null) ? this.byText.get(text) : null;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		return this.delegate.call(request);
	}

	@Override
	public float[] embed(Document document) {
		float[] embedding = lookup(document);
		return (embedding != null) ? embedding : this.delegate.embed(document);
	}

	@Override
	public int dimensions() {
		return this.delegate.dimensions();
	}

}

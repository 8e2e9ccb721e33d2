package dev.reranker.eval.firststage;

import java.nio.file.Path;
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
 * else goes to the wrapped model. With a cache file, embeddings are read from it before
 * anything is embedded and saved to it after, so stages and later runs with the same
 * model, settings and corpus embed nothing.
 */
public final class PrecomputedEmbeddingModel implements EmbeddingModel {

	private final EmbeddingModel delegate;

	private final Map<String, float[]> byText = new ConcurrentHashMap<>();

	private final @Nullable Path cacheFile;

	private final @Nullable TokenBudgetBatches batches;

	private boolean cacheRead;

	/**
	 * @param delegate the model that embeds
	 */
	public PrecomputedEmbeddingModel(EmbeddingModel delegate) {
		this(delegate, null);
	}

	/**
	 * @param delegate the model that embeds
	 * @param cacheFile where embeddings are kept between runs (its name must identify the
	 * model, its settings and the corpus), or {@code null}
	 */
	public PrecomputedEmbeddingModel(EmbeddingModel delegate, @Nullable Path cacheFile) {
		this(delegate, cacheFile, null);
	}

	/**
	 * @param delegate the model that embeds
	 * @param cacheFile where to keep the embeddings between runs, or {@code null}
	 * @param batches how to group texts into embedding calls by their token counts, or
	 * {@code null} to sort them by characters and cut batches of the size
	 * {@link #precompute} is given
	 */
	public PrecomputedEmbeddingModel(EmbeddingModel delegate, @Nullable Path cacheFile,
			@Nullable TokenBudgetBatches batches) {
		this.delegate = delegate;
		this.cacheFile = cacheFile;
		this.batches = batches;
	}

	/**
	 * How many texts {@link #precompute} embedded and how many it read from the cache.
	 *
	 * @param embedded texts embedded now
	 * @param loaded texts read from the cache file
	 */
	public record Precomputed(int embedded, int loaded) {
	}

	/**
	 * Embeds texts in batches of similar length, except those embedded before or found in
	 * the cache file.
	 * @param texts the texts
	 * @param batchSize texts per model call (unless a token budget groups them)
	 * @param progress told the number of texts embedded after each batch
	 * @return how many texts were embedded now and how many read from the cache
	 */
	public synchronized Precomputed precompute(List<String> texts, int batchSize, IntConsumer progress) {
		int loaded = 0;
		if (this.cacheFile != null && !this.cacheRead) {
			Map<String, float[]> cached = EmbeddingCacheFile.read(this.cacheFile);
			this.byText.putAll(cached);
			loaded = cached.size();
			this.cacheRead = true;
		}
		List<String> distinct = new ArrayList<>(new LinkedHashSet<>(texts));
		distinct.removeIf(this.byText::containsKey);
		distinct.sort(Comparator.comparingInt(String::length));
		int done = texts.size() - distinct.size();
		if (done > 0) {
			progress.accept(done);
		}
		for (List<String> batch : batches(distinct, batchSize)) {
			List<float[]> embeddings = this.delegate.embed(batch);
			for (int i = 0; i < batch.size(); i++) {
				this.byText.put(batch.get(i), embeddings.get(i));
			}
			progress.accept(batch.size());
		}
		if (this.cacheFile != null && !distinct.isEmpty()) {
			EmbeddingCacheFile.write(this.cacheFile, this.byText);
		}
		return new Precomputed(distinct.size(), loaded);
	}

	/** Forgets precomputed embeddings. */
	private List<List<String>> batches(List<String> texts, int batchSize) {
		if (this.batches != null) {
			return this.batches.of(texts);
		}
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < texts.size(); from += batchSize) {
			batches.add(texts.subList(from, Math.min(from + batchSize, texts.size())));
		}
		return batches;
	}

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

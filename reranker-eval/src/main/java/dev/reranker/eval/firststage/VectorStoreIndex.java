package dev.reranker.eval.firststage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.util.Assert;

/**
 * A {@link VectorStore} filled with the corpus once, shared by the stages that search it
 * (vector search, and keyword search over the same table).
 */
public final class VectorStoreIndex {

	private static final Logger logger = LoggerFactory.getLogger(VectorStoreIndex.class);

	private final VectorStore vectorStore;

	private final String description;

	private final int batchSize;

	private final @Nullable PrecomputedEmbeddingModel precomputed;

	private final @Nullable Path cacheFile;

	private final BooleanSupplier alreadyFilled;

	private boolean indexed;

	/**
	 * @param vectorStore the store to fill
	 * @param description the store in reports, e.g. {@code SimpleVectorStore (in memory)}
	 * @param batchSize documents per {@link VectorStore#add} call (and per embedding call
	 * when precomputing)
	 * @param precomputed the store's embedding model when it is a
	 * {@link PrecomputedEmbeddingModel} to fill in batches first, else {@code null}
	 * @param cacheFile for a {@link SimpleVectorStore}: where to save the filled store
	 * and load it from on the next run, or {@code null}
	 */
	public VectorStoreIndex(VectorStore vectorStore, String description, int batchSize,
			@Nullable PrecomputedEmbeddingModel precomputed, @Nullable Path cacheFile) {
		this(vectorStore, description, batchSize, precomputed, cacheFile, () -> false);
	}

	/**
	 * @param vectorStore the store to fill
	 * @param description the store in reports, e.g. {@code SimpleVectorStore (in memory)}
	 * @param batchSize documents per {@link VectorStore#add} call (and per embedding call
	 * when precomputing)
	 * @param precomputed the store's embedding model when it is a
	 * {@link PrecomputedEmbeddingModel} to fill in batches first, else {@code null}
	 * @param cacheFile for a {@link SimpleVectorStore}: where to save the filled store
	 * and load it from on the next run, or {@code null}
	 * @param alreadyFilled whether a persistent store already holds this corpus (e.g. a
	 * table from an earlier run), so that adding is skipped
	 */
	public VectorStoreIndex(VectorStore vectorStore, String description, int batchSize,
			@Nullable PrecomputedEmbeddingModel precomputed, @Nullable Path cacheFile, BooleanSupplier alreadyFilled) {
		Assert.notNull(vectorStore, "vectorStore must not be null");
		Assert.isTrue(batchSize >= 1, "batchSize must be >= 1");
		Assert.isTrue(cacheFile == null || vectorStore instanceof SimpleVectorStore,
				"only a SimpleVectorStore can be cached in a file");
		this.vectorStore = vectorStore;
		this.description = description;
		this.batchSize = batchSize;
		this.precomputed = precomputed;
		this.cacheFile = cacheFile;
		this.alreadyFilled = alreadyFilled;
	}

	public VectorStore getVectorStore() {
		return this.vectorStore;
	}

	/**
	 * Adds the documents unless this index was filled already. Documents are embedded in
	 * batches of similar length, which keeps padding (wasted embedding work) low.
	 * @param documents the corpus
	 * @param progress told the number of documents indexed after each batch
	 * @return what was done: corpus embedding and filling the store, timed apart
	 */
	public synchronized List<SetupStep> ensureIndexed(List<Document> documents, IntConsumer progress) {
		long start = System.nanoTime();
		if (this.indexed) {
			progress.accept(documents.size());
			return List
				.of(SetupStep.since("reused " + this.description + ", filled for an earlier stage", start, false));
		}
		if (this.alreadyFilled.getAsBoolean()) {
			logger.info("The store already holds these {} documents; not adding them again", documents.size());
			progress.accept(documents.size());
			this.indexed = true;
			return List.of(SetupStep.since(
					"found the corpus already in " + this.description + " (kept from an earlier run; nothing embedded)",
					start, false));
		}
		if (this.cacheFile != null && Files.isRegularFile(this.cacheFile)) {
			((SimpleVectorStore) this.vectorStore).load(this.cacheFile.toFile());
			logger.info("Loaded the index from {} (delete it to re-embed)", this.cacheFile);
			progress.accept(documents.size());
			this.indexed = true;
			return List.of(SetupStep.since(
					"loaded " + this.description + " from the cache " + this.cacheFile + " (nothing embedded)", start,
					false));
		}
		List<SetupStep> steps = new ArrayList<>();
		List<Document> byLength = new ArrayList<>(documents);
		byLength.sort(Comparator.comparingInt(document -> textLength(document)));
		if (this.precomputed != null) {
			PrecomputedEmbeddingModel.Precomputed done = this.precomputed
				.precompute(byLength.stream().map(document -> text(document)).toList(), this.batchSize, progress);
			String description = (done.embedded() > 0) ? "embedded " + done.embedded() + " texts"
					: (done.loaded() > 0) ? "read " + done.loaded() + " corpus embeddings from the embedding cache"
							: "reused the corpus embeddings of an earlier stage";
			steps.add(SetupStep.since(description, start, done.embedded() > 0 || done.loaded() > 0));
		}
		long filling = System.nanoTime();
		for (int from = 0; from < byLength.size(); from += this.batchSize) {
			List<Document> batch = byLength.subList(from, Math.min(from + this.batchSize, byLength.size()));
			this.vectorStore.add(batch);
			if (this.precomputed == null) {
				progress.accept(batch.size());
			}
		}
		if (this.cacheFile != null) {
			try {
				Files.createDirectories(this.cacheFile.toAbsolutePath().getParent());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create the cache folder of " + this.cacheFile, ex);
			}
			((SimpleVectorStore) this.vectorStore).save(this.cacheFile.toFile());
			logger.info("Saved the index to {}", this.cacheFile);
		}
		steps.add(SetupStep.since("filled " + this.description + " with " + documents.size() + " documents", filling,
				false));
		this.indexed = true;
		return List.copyOf(steps);
	}

	private static String text(Document document) {
		String text = document.getText();
		return (text != null) ? text : "";
	}

	private static int textLength(Document document) {
		return text(document).length();
	}

}

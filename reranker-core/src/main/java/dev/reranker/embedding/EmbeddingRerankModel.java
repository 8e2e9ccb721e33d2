package dev.reranker.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.reranker.context.CosineSimilarity;
import dev.reranker.RerankException;
import dev.reranker.RerankOptions;
import dev.reranker.RerankRequest;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResponseMetadata;
import dev.reranker.RerankResult;
import dev.reranker.observation.RerankModelObservationConvention;
import dev.reranker.observation.RerankModelObserver;
import dev.reranker.observation.SelfObservingRerankModel;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.util.Assert;

/**
 * Rescores documents by the cosine similarity of their embedding with the query's, using
 * any Spring AI {@link EmbeddingModel}; the similarity in {@code [-1, 1]} is mapped
 * linearly to {@code [0, 1]} as {@code (cos + 1) / 2}.
 * <p>
 * This is a <em>bi-encoder</em>: query and documents are embedded separately, so it is
 * cheaper and weaker than a cross-encoder. Use it as a light second stage, or to add a
 * dense signal after keyword-only retrieval. Texts are embedded in
 * {@link EmbeddingModel#embed(List)} calls of {@link Builder#batchSize(int)} texts of
 * similar length (shortest first, the query with the shortest), each distinct text once;
 * with {@link Builder#documentVectors(DocumentVectors)}, vectors of documents seen before
 * come from that cache instead. Built with an
 * {@link Builder#observationRegistry(ObservationRegistry) observation registry}, each
 * call is observed as {@code gen_ai.client.operation} (and the embedding model's own
 * observation, if any, nests under it).
 */
public final class EmbeddingRerankModel implements SelfObservingRerankModel {

	/** The provider name. */
	public static final String PROVIDER = "embedding";

	/**
	 * Default number of texts per embedding call: large enough that a typical rerank
	 * depth is one call, because splitting 51 texts into sorted calls of 16 measured
	 * slower with Spring AI's TransformersEmbeddingModel (docs/benchmarks.md).
	 */
	public static final int DEFAULT_BATCH_SIZE = 128;

	private final EmbeddingModel embeddingModel;

	private final RerankOptions defaultOptions;

	private final RerankModelObserver observer;

	private final int batchSize;

	private final DocumentVectors documentVectors;

	/**
	 * @param embeddingModel the model that embeds query and documents
	 * @param modelName a label for observations (e.g. the embedding model's name), or
	 * {@code null}
	 */
	public EmbeddingRerankModel(EmbeddingModel embeddingModel, @Nullable String modelName) {
		this(embeddingModel, modelName, RerankModelObserver.NOOP, DEFAULT_BATCH_SIZE, DocumentVectors.NONE);
	}

	public EmbeddingRerankModel(EmbeddingModel embeddingModel) {
		this(embeddingModel, null);
	}

	private EmbeddingRerankModel(@Nullable EmbeddingModel embeddingModel, @Nullable String modelName,
			RerankModelObserver observer, int batchSize, @Nullable DocumentVectors documentVectors) {
		Assert.notNull(embeddingModel, "embeddingModel must not be null (EmbeddingRerankModel.Builder#embeddingModel)");
		Assert.isTrue(batchSize >= 1, () -> "batchSize must be at least 1 but was " + batchSize
				+ " (EmbeddingRerankModel.Builder#batchSize)");
		Assert.notNull(documentVectors,
				"documentVectors must not be null (EmbeddingRerankModel.Builder#documentVectors; "
						+ "DocumentVectors.NONE keeps nothing)");
		this.batchSize = batchSize;
		this.documentVectors = documentVectors;
		this.embeddingModel = embeddingModel;
		this.defaultOptions = RerankOptions.builder().model(modelName).build();
		this.observer = observer;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public RerankResponse call(RerankRequest request) {
		return this.observer.observe(this, request, this::rerank);
	}

	private RerankResponse rerank(RerankRequest request) {
		RerankOptions options = this.defaultOptions.merge(request.options());
		List<String> documents = request.documents();
		if (documents.isEmpty()) {
			return new RerankResponse(List.of(), new RerankResponseMetadata(options.getModel()));
		}
		List<float @Nullable []> vectors = embed(request.query(), documents);
		float[] query = checked(vectors.get(0), "the query", -1);
		List<RerankResult> results = new ArrayList<>(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			float[] document = checked(vectors.get(i + 1), "document " + i, query.length);
			results.add(new RerankResult(i, (CosineSimilarity.of(query, document) + 1.0) / 2.0));
		}
		Integer topN = options.getTopN();
		if (topN != null && topN < results.size()) {
			results = results.stream().sorted((a, b) -> Double.compare(b.score(), a.score())).limit(topN).toList();
		}
		return new RerankResponse(results, new RerankResponseMetadata(options.getModel()));
	}

	/**
	 * The query's vector, then one per document: cached ones from
	 * {@link DocumentVectors}, the others embedded in batches of similar length (the
	 * query with the shortest), each distinct text once.
	 */
	private List<float @Nullable []> embed(String query, List<String> documents) {
		List<String> keys = new ArrayList<>(documents.size());
		for (String document : documents) {
			keys.add(DocumentVectors.key(document));
		}
		Map<String, float[]> known = new HashMap<>(this.documentVectors.getAll(keys));
		// the query (index -1) and each distinct uncached document, shortest first
		List<Integer> pending = new ArrayList<>();
		pending.add(-1);
		Set<String> queued = new HashSet<>();
		for (int i = 0; i < documents.size(); i++) {
			if (!known.containsKey(keys.get(i)) && queued.add(keys.get(i))) {
				pending.add(i);
			}
		}
		pending.sort(Comparator.comparingInt((Integer i) -> (i < 0) ? query.length() : documents.get(i).length()));
		float @Nullable [] queryVector = null;
		for (int start = 0; start < pending.size(); start += this.batchSize) {
			List<Integer> batch = pending.subList(start, Math.min(pending.size(), start + this.batchSize));
			List<String> texts = batch.stream().map((i) -> (i < 0) ? query : documents.get(i)).toList();
			List<float[]> vectors = embedBatch(texts);
			for (int row = 0; row < batch.size(); row++) {
				int index = batch.get(row);
				if (index < 0) {
					queryVector = vectors.get(row);
				}
				else {
					float[] vector = checked(vectors.get(row), "document " + index, -1);
					known.put(keys.get(index), vector);
					this.documentVectors.put(keys.get(index), vector);
				}
			}
		}
		List<float @Nullable []> result = new ArrayList<>(documents.size() + 1);
		result.add(queryVector);
		for (String key : keys) {
			result.add(known.get(key));
		}
		return result;
	}

	private List<float @Nullable []> embedBatch(List<String> texts) {
		List<float @Nullable []> vectors;
		try {
			vectors = this.embeddingModel.embed(texts);
		}
		catch (RuntimeException ex) {
			throw new RerankException(PROVIDER, "the embedding model failed: " + ex.getMessage(), ex);
		}
		if (vectors == null || vectors.size() != texts.size()) {
			throw new RerankException(PROVIDER, "the embedding model returned "
					+ (vectors == null ? "nothing" : vectors.size() + " vectors") + " for " + texts.size() + " texts");
		}
		return vectors;
	}

	private static float[] checked(float @Nullable [] vector, String what, int dimensions) {
		if (vector == null || vector.length == 0) {
			throw new RerankException(PROVIDER, "the embedding model returned no vector for " + what);
		}
		if (dimensions >= 0 && vector.length != dimensions) {
			throw new RerankException(PROVIDER, "the vector for " + what + " has " + vector.length
					+ " dimensions but the query's has " + dimensions);
		}
		for (float value : vector) {
			if (!Float.isFinite(value)) {
				throw new RerankException(PROVIDER, "the vector for " + what + " contains " + value);
			}
		}
		return vector;
	}

	@Override
	public RerankOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	@Override
	public String getProviderName() {
		return PROVIDER;
	}

	@Override
	public ObservationRegistry getObservationRegistry() {
		return this.observer.getObservationRegistry();
	}

	public EmbeddingModel getEmbeddingModel() {
		return this.embeddingModel;
	}

	/** Texts per embedding call. */
	public int getBatchSize() {
		return this.batchSize;
	}

	/** Where document vectors are kept between calls. */
	public DocumentVectors getDocumentVectors() {
		return this.documentVectors;
	}

	@Override
	public String toString() {
		return "EmbeddingRerankModel{embeddingModel=" + this.embeddingModel.getClass().getSimpleName() + ", model="
				+ this.defaultOptions.getModel() + ", batchSize=" + this.batchSize + ", documentVectors="
				+ this.documentVectors + "}";
	}

	/** Builder for {@link EmbeddingRerankModel}. */
	public static final class Builder {

		private @Nullable EmbeddingModel embeddingModel;

		private @Nullable String modelName;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankModelObservationConvention observationConvention;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private DocumentVectors documentVectors = DocumentVectors.NONE;

		private Builder() {
		}

		/**
		 * Texts per embedding call; texts of similar length share a call, so an embedding
		 * model that pads a batch to its longest text pads little. Default 128.
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Where document vectors are kept between calls, such as
		 * {@link CaffeineDocumentVectors}; default {@link DocumentVectors#NONE}.
		 */
		public Builder documentVectors(DocumentVectors documentVectors) {
			this.documentVectors = documentVectors;
			return this;
		}

		/** The model that embeds query and documents. Required. */
		public Builder embeddingModel(EmbeddingModel embeddingModel) {
			this.embeddingModel = embeddingModel;
			return this;
		}

		/** A label for observations (e.g. the embedding model's name); default none. */
		public Builder modelName(@Nullable String modelName) {
			this.modelName = modelName;
			return this;
		}

		/**
		 * Where each call is observed as {@code gen_ai.client.operation}; default
		 * {@link ObservationRegistry#NOOP}.
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/** Names and tags the call observations; default the Spring AI style ones. */
		public Builder observationConvention(@Nullable RerankModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		public EmbeddingRerankModel build() {
			return new EmbeddingRerankModel(this.embeddingModel, this.modelName,
					new RerankModelObserver(this.observationRegistry, this.observationConvention), this.batchSize,
					this.documentVectors);
		}

	}

}

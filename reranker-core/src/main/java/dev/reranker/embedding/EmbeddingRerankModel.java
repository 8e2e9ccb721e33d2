package dev.reranker.embedding;

import java.util.ArrayList;
import java.util.List;

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
 * dense signal after keyword-only retrieval. The query and the documents are embedded in
 * one {@link EmbeddingModel#embed(List)} call. Built with an
 * {@link Builder#observationRegistry(ObservationRegistry) observation registry}, each
 * call is observed as {@code gen_ai.client.operation} (and the embedding model's own
 * observation, if any, nests under it).
 */
public final class EmbeddingRerankModel implements SelfObservingRerankModel {

	/** The provider name. */
	public static final String PROVIDER = "embedding";

	private final EmbeddingModel embeddingModel;

	private final RerankOptions defaultOptions;

	private final RerankModelObserver observer;

	/**
	 * @param embeddingModel the model that embeds query and documents
	 * @param modelName a label for observations (e.g. the embedding model's name), or
	 * {@code null}
	 */
	public EmbeddingRerankModel(EmbeddingModel embeddingModel, @Nullable String modelName) {
		this(embeddingModel, modelName, RerankModelObserver.NOOP);
	}

	public EmbeddingRerankModel(EmbeddingModel embeddingModel) {
		this(embeddingModel, null);
	}

	private EmbeddingRerankModel(@Nullable EmbeddingModel embeddingModel, @Nullable String modelName,
			RerankModelObserver observer) {
		Assert.notNull(embeddingModel, "embeddingModel must not be null (EmbeddingRerankModel.Builder#embeddingModel)");
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
		List<String> texts = new ArrayList<>(documents.size() + 1);
		texts.add(request.query());
		texts.addAll(documents);
		List<float[]> vectors;
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

	@Override
	public String toString() {
		return "EmbeddingRerankModel{embeddingModel=" + this.embeddingModel.getClass().getSimpleName() + ", model="
				+ this.defaultOptions.getModel() + "}";
	}

	/** Builder for {@link EmbeddingRerankModel}. */
	public static final class Builder {

		private @Nullable EmbeddingModel embeddingModel;

		private @Nullable String modelName;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable RerankModelObservationConvention observationConvention;

		private Builder() {
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
					new RerankModelObserver(this.observationRegistry, this.observationConvention));
		}

	}

}

package dev.reranker.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.firststage.PrecomputedEmbeddingModel;
import dev.reranker.eval.firststage.TokenBudgetBatches;
import dev.reranker.eval.firststage.TokenCounts;
import dev.reranker.eval.firststage.RetrieverFirstStage;
import dev.reranker.eval.firststage.SetupStep;
import dev.reranker.retrieval.fusion.FusionDocumentRetriever;
import dev.reranker.retrieval.fusion.ReciprocalRankFusionDocumentJoiner;
import dev.reranker.retrieval.keyword.PgKeywordDocumentRetriever;
import dev.reranker.retrieval.vector.TopKPgVectorStore;
import dev.reranker.eval.firststage.VectorSearchFirstStage;
import dev.reranker.eval.firststage.VectorStoreIndex;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * Creates the first stages named by {@code eval.first-stages}; reranker-train mines hard
 * negatives with the same stages.
 */
public class FirstStageFactory {

	/** First-stage names this build knows. */
	public static final List<String> NAMES = List.of("dense", "pgvector", "keyword", "hybrid");

	private final EvalProperties properties;

	private final Supplier<EmbeddingModel> embeddingModel;

	private final Supplier<JdbcTemplate> jdbcTemplate;

	private @Nullable PrecomputedEmbeddingModel precomputed;

	private @Nullable VectorStoreIndex postgresIndex;

	private @Nullable String postgresTable;

	private boolean keywordIndexBuilt;

	/**
	 * A factory; the suppliers are asked only when a stage needs them.
	 * @param properties the settings (embedding model, PostgreSQL schema, title handling)
	 * @param embeddingModel the dense stages' model, e.g. {@link #embeddingModel}
	 * @param jdbcTemplate the PostgreSQL database of pgvector, keyword and hybrid
	 */
	public FirstStageFactory(EvalProperties properties, Supplier<EmbeddingModel> embeddingModel,
			Supplier<JdbcTemplate> jdbcTemplate) {
		this.properties = properties;
		this.embeddingModel = embeddingModel;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * The local embedding model the dense stages use, read in place from its resource.
	 * @param embedding the model, tokenizer and length settings
	 * @return the started model
	 * @throws Exception when the model cannot be loaded
	 */
	public static TransformersEmbeddingModel embeddingModel(EmbeddingProperties embedding) throws Exception {
		TransformersEmbeddingModel model = new TransformersEmbeddingModel(MetadataMode.NONE);
		model.setModelResource(embedding.getModel());
		model.setTokenizerResource(embedding.getTokenizer());
		model.setTokenizerOptions(
				Map.of("truncation", "true", "padding", "true", "maxLength", String.valueOf(embedding.getMaxLength())));
		// The model is read from its resource directly: no copy of a 90 MB graph in a
		// cache.
		model.setDisableCaching(true);
		model.afterPropertiesSet();
		return model;
	}

	/**
	 * Creates a first stage, not yet indexed.
	 * @param name one of {@link #NAMES}
	 * @param dataset the dataset it will index
	 * @return the stage
	 * @throws IllegalArgumentException listing the known names for an unknown one
	 */
	public FirstStage create(String name, BeirDataset dataset) {
		return switch (name) {
			case "dense" -> dense(name, dataset);
			case "pgvector" -> new VectorSearchFirstStage(name, name + " (" + embeddingLabel() + ", HNSW, cosine)",
					postgresIndex(dataset));
			case "keyword" -> new RetrieverFirstStage(name, name + " (BM25 in PostgreSQL, english, k1 1.2, b 0.75)",
					postgresIndex(dataset), this::prepareKeywordIndex, this::keywordRetriever);
			case "hybrid" -> new RetrieverFirstStage(name,
					name + " (pgvector " + ModelLabels.modelName(this.properties.getEmbedding().getModel())
							+ " + BM25, RRF k 60)",
					postgresIndex(dataset), this::prepareKeywordIndex, this::hybridRetriever);
			default -> throw new IllegalArgumentException(
					"Unknown first stage '" + name + "' in eval.first-stages; choose from " + NAMES);
		};
	}

	private FirstStage dense(String name, BeirDataset dataset) {
		EmbeddingProperties embedding = this.properties.getEmbedding();
		PrecomputedEmbeddingModel model = precomputed(dataset);
		Path cacheFile = embedding.isCache()
				? embedding.getCacheDir().resolve(dataset.name() + "-dense-" + cacheKey(dataset) + ".json") : null;
		return new VectorSearchFirstStage(name, name + " (" + embeddingLabel() + ", in memory)",
				new VectorStoreIndex(SimpleVectorStore.builder(model).build(), "SimpleVectorStore (in memory)",
						embedding.getBatchSize(), model, cacheFile));
	}

	/** The dense stages' embedding model, e.g. all-minilm-l6-v2, fp32, mean pooling. */
	private String embeddingLabel() {
		EmbeddingProperties embedding = this.properties.getEmbedding();
		return ModelLabels.transformersEmbedding(embedding.getModel(), embedding.getMaxLength());
	}

	/**
	 * One embedding pass serves every stage of the run; with eval.embedding.cache, later
	 * runs read the embeddings from a file keyed by model, tokenizer, max length, title
	 * handling and corpus.
	 */
	private PrecomputedEmbeddingModel precomputed(BeirDataset dataset) {
		if (this.precomputed == null) {
			EmbeddingProperties embedding = this.properties.getEmbedding();
			Path cacheFile = embedding.isCache()
					? embedding.getCacheDir().resolve(dataset.name() + "-embeddings-" + cacheKey(dataset) + ".bin")
					: null;
			TokenBudgetBatches batches = (embedding.getBatchTokens() > 0)
					? new TokenBudgetBatches(TokenCounts.of(embedding.getTokenizer(), embedding.getMaxLength()),
							embedding.getBatchSize(), embedding.getBatchTokens())
					: null;
			this.precomputed = new PrecomputedEmbeddingModel(this.embeddingModel.get(), cacheFile, batches);
		}
		return this.precomputed;
	}

	/**
	 * The PgVectorStore table every PostgreSQL stage searches: one per dataset and
	 * embedding setup ({@code eval_<dataset>_<key>}), kept between runs and reused when
	 * it holds the whole corpus. Its HNSW index is searched with {@code hnsw.ef_search}
	 * sized to each request, so a stage asked for 100 gets 100.
	 */
	private VectorStoreIndex postgresIndex(BeirDataset dataset) {
		if (this.postgresIndex != null) {
			return this.postgresIndex;
		}
		JdbcTemplate jdbc = this.jdbcTemplate.get();
		PrecomputedEmbeddingModel model = precomputed(dataset);
		String schema = this.properties.getPostgres().getSchema();
		String datasetName = dataset.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		// at most 46 characters: the keyword index derives longer PostgreSQL identifiers
		// from it
		String table = "eval_" + datasetName.substring(0, Math.min(datasetName.length(), 24)) + "_" + cacheKey(dataset);
		PgVectorStore store = PgVectorStore.builder(jdbc, model)
			.schemaName(schema)
			.vectorTableName(table)
			.dimensions(model.dimensions())
			.distanceType(PgVectorStore.PgDistanceType.COSINE_DISTANCE)
			.indexType(PgVectorStore.PgIndexType.HNSW)
			.initializeSchema(true)
			.build();
		store.afterPropertiesSet();
		this.postgresTable = table;
		int documents = dataset.corpus().size();
		// Searched through TopKPgVectorStore: the HNSW index alone returns at most
		// hnsw.ef_search (40) rows, whatever the retrieval depth.
		this.postgresIndex = new VectorStoreIndex(TopKPgVectorStore.builder(store).build(),
				"PgVectorStore table " + schema + "." + table, this.properties.getEmbedding().getBatchSize(), model,
				null, () -> count(jdbc, schema, table) == documents);
		return this.postgresIndex;
	}

	/**
	 * Builds the keyword index (tsvector column, GIN index, BM25 statistics) on the
	 * filled table, once per run, so that its cost is the keyword stage's own setup time
	 * rather than a hidden part of the first query.
	 */
	private SetupStep prepareKeywordIndex() {
		long start = System.nanoTime();
		if (this.keywordIndexBuilt) {
			return SetupStep.since("reused the BM25 keyword index built for an earlier stage", start, false);
		}
		keywordRetriever(1).initializeSchema();
		this.keywordIndexBuilt = true;
		return SetupStep.since("built (or completed) the BM25 keyword index on " + this.postgresTable
				+ ": tsvector column, GIN index, term statistics", start, false);
	}

	/**
	 * BM25 keyword search over the PgVectorStore table, as the starter's advisor sets it
	 * up (its defaults: english, k1 1.2, b 0.75), returning {@code topK} documents. The
	 * index is built by {@link #prepareKeywordIndex()} before the first query.
	 */
	private PgKeywordDocumentRetriever keywordRetriever(int topK) {
		Assert.state(this.postgresTable != null, "the PostgreSQL table is created first");
		return PgKeywordDocumentRetriever.builder(this.jdbcTemplate.get())
			.schemaName(this.properties.getPostgres().getSchema())
			.tableName(this.postgresTable)
			.topK(topK)
			.build();
	}

	/**
	 * pgvector and BM25 keyword search, {@code topK} documents each, fused with
	 * reciprocal rank fusion (k 60) into {@code topK} documents.
	 */
	private DocumentRetriever hybridRetriever(int topK) {
		Assert.state(this.postgresIndex != null, "the PostgreSQL table is created first");
		DocumentRetriever vector = VectorStoreDocumentRetriever.builder()
			.vectorStore(this.postgresIndex.getVectorStore())
			.topK(topK)
			.build();
		return FusionDocumentRetriever.builder()
			.retriever(vector)
			.retriever(keywordRetriever(topK))
			.joiner(ReciprocalRankFusionDocumentJoiner.builder().limit(topK).build())
			.build();
	}

	private static long count(JdbcTemplate jdbc, String schema, String table) {
		Long rows = jdbc.queryForObject("SELECT count(*) FROM " + schema + "." + table, Long.class);
		return (rows != null) ? rows : 0;
	}

	/**
	 * Identifies the embedded corpus: model, tokenizer settings, title handling, texts.
	 */
	private String cacheKey(BeirDataset dataset) {
		MessageDigest digest = sha256();
		EmbeddingProperties embedding = this.properties.getEmbedding();
		update(digest, embedding.getModel(), embedding.getTokenizer(), String.valueOf(embedding.getMaxLength()),
				String.valueOf(this.properties.isIncludeTitle()));
		for (CorpusDocument document : dataset.corpus().values()) {
			update(digest, document.id(), document.content(this.properties.isIncludeTitle()));
		}
		return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
	}

	private static void update(MessageDigest digest, @Nullable String... values) {
		for (String value : values) {
			digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

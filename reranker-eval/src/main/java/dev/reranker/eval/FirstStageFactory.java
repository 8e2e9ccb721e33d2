package dev.reranker.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.firststage.PrecomputedEmbeddingModel;
import dev.reranker.eval.firststage.VectorSearchFirstStage;
import dev.reranker.eval.firststage.VectorStoreIndex;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;

/**
 * Creates the first stages named by {@code eval.first-stages}.
 */
class FirstStageFactory {

	/** First-stage names this build knows. */
	static final List<String> NAMES = List.of("dense");

	private final EvalProperties properties;

	private final Supplier<EmbeddingModel> embeddingModel;

	FirstStageFactory(EvalProperties properties, Supplier<EmbeddingModel> embeddingModel) {
		this.properties = properties;
		this.embeddingModel = embeddingModel;
	}

	FirstStage create(String name, BeirDataset dataset) {
		return switch (name) {
			case "dense" -> dense(name, dataset);
			default -> throw new IllegalArgumentException("Unknown first stage '" + name
					+ "' in eval.first-stages; choose from " + NAMES);
		};
	}

	private FirstStage dense(String name, BeirDataset dataset) {
		EvalProperties.Embedding embedding = this.properties.getEmbedding();
		PrecomputedEmbeddingModel model = new PrecomputedEmbeddingModel(this.embeddingModel.get());
		Path cacheFile = embedding.isCache()
				? embedding.getCacheDir().resolve(dataset.name() + "-dense-" + cacheKey(dataset) + ".json") : null;
		return new VectorSearchFirstStage(name, new VectorStoreIndex(SimpleVectorStore.builder(model).build(),
				embedding.getBatchSize(), model, cacheFile));
	}

	/** Identifies the embedded corpus: model, tokenizer settings, title handling, texts. */
	private String cacheKey(BeirDataset dataset) {
		MessageDigest digest = sha256();
		EvalProperties.Embedding embedding = this.properties.getEmbedding();
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

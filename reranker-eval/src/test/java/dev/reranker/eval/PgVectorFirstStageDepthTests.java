package dev.reranker.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.CorpusDocument;
import dev.reranker.eval.dataset.EvalQuery;
import dev.reranker.eval.dataset.Qrels;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.testfixtures.postgres.PostgresExtension;
import dev.reranker.testfixtures.postgres.RandomVectorTable;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pgvector and hybrid first stages return the retrieval depth asked for from the HNSW
 * index over thousands of distinct 384-dimensional vectors, not {@code hnsw.ef_search}
 * (40). A stand-in embedding model gives every text its own random vector, so that
 * thousands of documents index in seconds.
 */
class PgVectorFirstStageDepthTests {

	@RegisterExtension
	static final PostgresExtension postgres = new PostgresExtension();

	@Test
	void thePgvectorAndHybridStagesReturnTheDepthAskedFor() {
		Map<String, CorpusDocument> corpus = new LinkedHashMap<>();
		for (int i = 0; i < 3000; i++) {
			corpus.put("d" + i, new CorpusDocument("d" + i, "", "document number " + i));
		}
		BeirDataset dataset = new BeirDataset("depth", corpus, List.of(new EvalQuery("q", "anything")),
				new Qrels(Map.of("q", Map.of("d1", 1))), Map.of(),
				new BeirDataset.Statistics(corpus.size(), 1, 0, 0, 1, 0, 0, 0, 0));
		EvalProperties properties = new EvalProperties();
		properties.getPostgres().setSchema(postgres.schema());
		FirstStageFactory factory = new FirstStageFactory(properties, () -> RandomVectorTable.EMBEDDING_MODEL,
				postgres::jdbcTemplate);
		List<Document> documents = corpus.values()
			.stream()
			.map(document -> new Document(document.content(false), Map.of("doc_id", document.id())))
			.toList();

		FirstStage pgvector = factory.create("pgvector", dataset);
		pgvector.index(documents, done -> {
		});

		assertThat(pgvector.retrieve("which document", 100)).hasSize(100);
		FirstStage hybrid = factory.create("hybrid", dataset);
		hybrid.index(documents, done -> {
		});
		// No document contains these words: the hybrid list is the vector arm's alone.
		assertThat(hybrid.retrieve("xylophone zebra", 100)).hasSize(100);
		assertThat(Set.copyOf(pgvector.retrieve("another question", 200))).hasSize(200);
	}

}

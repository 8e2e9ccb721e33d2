package dev.reranker.eval.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import dev.reranker.eval.metrics.QualityMetrics;

/**
 * Writes every configuration's figures per query, as {@code per-query.json} (an array of
 * rows) and {@code per-query.csv} (one row per query and configuration, with a header),
 * for comparisons across runs and for finding the queries a change helps or hurts.
 */
public final class PerQueryTable {

	/** JSON file name. */
	public static final String JSON = "per-query.json";

	/** CSV file name. */
	public static final String CSV = "per-query.csv";

	/** The CSV header. */
	public static final String HEADER = "query_id,configuration,ndcg@10,mrr@10,recall@5,recall@10,recall@50,recall@100";

	private PerQueryTable() {
	}

	/**
	 * One row: a query's figures under one configuration.
	 *
	 * @param queryId the query id
	 * @param configuration the configuration's tag (the run tag)
	 * @param ndcg10 nDCG@10
	 * @param mrr10 MRR@10
	 * @param recall5 recall@5
	 * @param recall10 recall@10
	 * @param recall50 recall@50
	 * @param recall100 recall@100
	 */
	public record Row(String queryId, String configuration, double ndcg10, double mrr10, double recall5,
			double recall10, double recall50, double recall100) {

		static Row of(String configuration, QueryRun query) {
			QualityMetrics q = query.quality();
			return new Row(query.queryId(), configuration, q.ndcg10(), q.mrr10(), q.recall5(), q.recall10(),
					q.recall50(), q.recall100());
		}

	}

	/**
	 * @param runs the configurations
	 * @return one row per configuration and query, configurations in run order
	 */
	public static List<Row> rows(List<ConfigurationRun> runs) {
		List<Row> rows = new ArrayList<>();
		for (ConfigurationRun run : runs) {
			for (QueryRun query : run.queries()) {
				rows.add(Row.of(run.result().tag(), query));
			}
		}
		return rows;
	}

	/**
	 * @param runs the configurations
	 * @param folder the report folder
	 * @param mapper the JSON mapper
	 * @return the JSON and CSV files
	 * @throws IOException when a file cannot be written
	 */
	public static List<Path> write(List<ConfigurationRun> runs, Path folder, JsonMapper mapper) throws IOException {
		List<Row> rows = rows(runs);
		Path json = folder.resolve(JSON);
		mapper.writeValue(json.toFile(), rows);
		Path csv = folder.resolve(CSV);
		try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write(HEADER + "\n");
			for (Row row : rows) {
				out.write(String.join(",", csv(row.queryId()), csv(row.configuration()), number(row.ndcg10()),
						number(row.mrr10()), number(row.recall5()), number(row.recall10()), number(row.recall50()),
						number(row.recall100())) + "\n");
			}
		}
		return List.of(json, csv);
	}

	/** Full precision, so the CSV reproduces the report's means. */
	private static String number(double value) {
		return String.format(Locale.ROOT, "%s", value);
	}

	/** RFC 4180 quoting when a field holds a comma, a quote or a line break. */
	static String csv(String field) {
		if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
			return '"' + field.replace("\"", "\"\"") + '"';
		}
		return field;
	}

}

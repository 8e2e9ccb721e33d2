package dev.reranker.eval.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.eval.answers.AnswerQuality;
import dev.reranker.eval.answers.AnswerScore;
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

	/**
	 * The CSV header's extra columns in the answers mode (empty for a query without one).
	 */
	public static final String ANSWER_COLUMNS = ",answer_em,answer_f1,answer_judge";

	/** Generated answers, one JSON object per line, in the answers mode. */
	public static final String ANSWERS = "answers.jsonl";

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
	 * @param answerExactMatch the answer's exact match, or {@code null} without an answer
	 * @param answerF1 the answer's token F1, or {@code null}
	 * @param answerJudge the judge's score in [0, 1], or {@code null}
	 */
	public record Row(String queryId, String configuration, double ndcg10, double mrr10, double recall5,
			double recall10, double recall50, double recall100, @Nullable Double answerExactMatch,
			@Nullable Double answerF1, @Nullable Double answerJudge) {

		static Row of(String configuration, QueryRun query) {
			QualityMetrics q = query.quality();
			AnswerScore answer = query.answer();
			return new Row(query.queryId(), configuration, q.ndcg10(), q.mrr10(), q.recall5(), q.recall10(),
					q.recall50(), q.recall100(), (answer != null) ? answer.exactMatch() : null,
					(answer != null) ? answer.f1() : null, (answer != null) ? answer.judge() : null);
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
		boolean answered = runs.stream().flatMap(run -> run.queries().stream()).anyMatch(q -> q.answer() != null);
		try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write(HEADER + (answered ? ANSWER_COLUMNS : "") + "\n");
			for (Row row : rows) {
				String line = String.join(",", csv(row.queryId()), csv(row.configuration()), number(row.ndcg10()),
						number(row.mrr10()), number(row.recall5()), number(row.recall10()), number(row.recall50()),
						number(row.recall100()));
				if (answered) {
					line += "," + number(row.answerExactMatch()) + "," + number(row.answerF1()) + ","
							+ number(row.answerJudge());
				}
				out.write(line + "\n");
			}
		}
		if (!answered) {
			return List.of(json, csv);
		}
		Path answers = folder.resolve(ANSWERS);
		JsonMapper lines = mapper.rebuild().disable(SerializationFeature.INDENT_OUTPUT).build();
		try (Writer out = Files.newBufferedWriter(answers, StandardCharsets.UTF_8)) {
			for (ConfigurationRun run : runs) {
				for (QueryRun query : run.queries()) {
					AnswerScore answer = query.answer();
					if (answer != null) {
						Map<String, Object> line = new LinkedHashMap<>();
						line.put("query_id", query.queryId());
						line.put("configuration", run.result().tag());
						line.put("context", query.ranking().subList(0, Math.min(topK(run), query.ranking().size())));
						line.put("answer", answer.answer());
						line.put("exact_match", answer.exactMatch());
						line.put("f1", answer.f1());
						line.put("judge", answer.judge());
						out.write(lines.writeValueAsString(line) + "\n");
					}
				}
			}
		}
		return List.of(json, csv, answers);
	}

	private static int topK(ConfigurationRun run) {
		AnswerQuality answers = run.result().answers();
		return (answers != null) ? answers.topK() : 0;
	}

	/** Empty for a missing figure (a query without an answer). */
	private static String number(@Nullable Double value) {
		return (value != null) ? number(value.doubleValue()) : "";
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

package dev.reranker.eval.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a report into a folder: {@code report.json}, {@code report.md},
 * {@code chart.svg}, and, given the per-query runs, {@code per-query-delta.svg}, the
 * per-query tables ({@link PerQueryTable}) and the TREC run files ({@link RunFiles}).
 */
public final class ReportWriter {

	/** JSON file name. */
	public static final String JSON = "report.json";

	/** Markdown file name. */
	public static final String MARKDOWN = "report.md";

	/** Chart file name. */
	public static final String CHART = "chart.svg";

	/** Per-query delta chart file name. */
	public static final String DELTA_CHART = "per-query-delta.svg";

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReportWriter() {
	}

	/**
	 * Writes the summary files only.
	 * @param report the report
	 * @param folder the output folder, created when missing
	 * @return the files written
	 */
	public static List<Path> write(EvaluationReport report, Path folder) {
		return write(report, List.of(), Map.of(), folder);
	}

	/**
	 * @param report the report
	 * @param runs the configurations' per-query results (empty writes the summary only)
	 * @param judgments per evaluated query id, document id to grade (for the TREC qrels)
	 * @param folder the output folder, created when missing
	 * @return the files written
	 */
	public static List<Path> write(EvaluationReport report, List<ConfigurationRun> runs,
			Map<String, Map<String, Integer>> judgments, Path folder) {
		try {
			Files.createDirectories(folder);
			Path json = folder.resolve(JSON);
			MAPPER.writeValue(json.toFile(), report);
			Optional<String> delta = DeltaChart.render(report, runs);
			Path markdown = Files.writeString(folder.resolve(MARKDOWN),
					MarkdownReport.render(report, CHART, delta.isPresent() ? DELTA_CHART : null),
					StandardCharsets.UTF_8);
			Path chart = Files.writeString(folder.resolve(CHART), SvgChart.render(report), StandardCharsets.UTF_8);
			List<Path> files = new ArrayList<>(List.of(json, markdown, chart));
			if (delta.isPresent()) {
				files.add(Files.writeString(folder.resolve(DELTA_CHART), delta.get(), StandardCharsets.UTF_8));
			}
			if (!runs.isEmpty()) {
				files.addAll(PerQueryTable.write(runs, folder, MAPPER));
				files.addAll(RunFiles.write(runs, judgments, folder));
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot write the report to '" + folder + "'; pass a writable folder with" + " --eval.output", ex);
		}
	}

	/**
	 * Reads a report written by {@link #write}.
	 * @param file the JSON file
	 * @return the report
	 */
	public static EvaluationReport read(Path file) {
		return MAPPER.readValue(file.toFile(), EvaluationReport.class);
	}

}

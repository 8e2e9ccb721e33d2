package dev.reranker.eval.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a report as {@code report.json}, {@code report.md} and {@code chart.svg} into a
 * folder.
 */
public final class ReportWriter {

	/** JSON file name. */
	public static final String JSON = "report.json";

	/** Markdown file name. */
	public static final String MARKDOWN = "report.md";

	/** Chart file name. */
	public static final String CHART = "chart.svg";

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReportWriter() {
	}

	/**
	 * @param report the report
	 * @param folder the output folder, created when missing
	 * @return the files written
	 */
	public static List<Path> write(EvaluationReport report, Path folder) {
		try {
			Files.createDirectories(folder);
			Path json = folder.resolve(JSON);
			MAPPER.writeValue(json.toFile(), report);
			Path markdown = Files.writeString(folder.resolve(MARKDOWN), MarkdownReport.render(report, CHART),
					StandardCharsets.UTF_8);
			Path chart = Files.writeString(folder.resolve(CHART), SvgChart.render(report), StandardCharsets.UTF_8);
			return List.of(json, markdown, chart);
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

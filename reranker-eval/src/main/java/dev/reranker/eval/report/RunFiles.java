package dev.reranker.eval.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Writes what trec_eval needs to check a report: one TREC run file per configuration
 * ({@code runs/<tag>.run}, lines {@code qid Q0 docno rank score tag}) and the evaluated
 * queries' judgments as TREC qrels ({@code qrels.trec}, lines {@code qid 0 docno grade}).
 * <p>
 * The score column is {@code candidates − rank + 1}: strictly decreasing with the rank,
 * so trec_eval, which re-sorts a run by score, evaluates exactly the order this tool
 * evaluated (the pipeline's order, its ties and the un-reranked tail after the reranked
 * top included). Model scores are not comparable across that boundary, so they are not
 * what the column holds.
 */
public final class RunFiles {

	/** Folder of the run files, inside the report folder. */
	public static final String FOLDER = "runs";

	/** TREC qrels file name. */
	public static final String QRELS = "qrels.trec";

	private RunFiles() {
	}

	/**
	 * @param runs the configurations
	 * @param judgments per evaluated query id, document id to grade
	 * @param folder the report folder
	 * @return the files written: the qrels first, then one run file per configuration
	 * @throws IOException when a file cannot be written
	 */
	public static List<Path> write(List<ConfigurationRun> runs, Map<String, Map<String, Integer>> judgments,
			Path folder) throws IOException {
		Path runsFolder = Files.createDirectories(folder.resolve(FOLDER));
		List<Path> files = new ArrayList<>();
		Path qrels = folder.resolve(QRELS);
		try (Writer out = Files.newBufferedWriter(qrels, StandardCharsets.UTF_8)) {
			for (Map.Entry<String, Map<String, Integer>> query : judgments.entrySet()) {
				for (Map.Entry<String, Integer> judgment : query.getValue().entrySet()) {
					out.write(query.getKey() + " 0 " + judgment.getKey() + " " + judgment.getValue() + "\n");
				}
			}
		}
		files.add(qrels);
		for (ConfigurationRun run : runs) {
			files.add(write(run, runsFolder.resolve(fileName(run.result().tag()))));
		}
		return files;
	}

	/**
	 * The run file's name for a tag: the tag, with characters some file systems refuse
	 * replaced by '-', and {@code .run}.
	 * @param tag the configuration's tag
	 * @return the file name
	 */
	public static String fileName(String tag) {
		return tag.replaceAll("[^A-Za-z0-9._+@=-]", "-") + ".run";
	}

	private static Path write(ConfigurationRun run, Path file) throws IOException {
		String tag = run.result().tag();
		Assert.isTrue(!tag.isEmpty() && tag.chars().noneMatch(Character::isWhitespace),
				() -> "A TREC run tag has no spaces, but the tag was '" + tag + "'");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (QueryRun query : run.queries()) {
				List<String> ranking = query.ranking();
				for (int i = 0; i < ranking.size(); i++) {
					out.write(String.format(Locale.ROOT, "%s Q0 %s %d %d %s%n", query.queryId(), ranking.get(i), i + 1,
							ranking.size() - i, tag));
				}
			}
		}
		return file;
	}

}

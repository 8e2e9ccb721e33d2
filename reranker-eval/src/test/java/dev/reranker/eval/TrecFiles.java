package dev.reranker.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads TREC run and qrels files the way trec_eval does, checking their format strictly:
 * a test's independent view of what the tool wrote.
 */
final class TrecFiles {

	/** {@code qid Q0 docno rank score tag}, single spaces, integer rank and score. */
	private static final Pattern RUN_LINE = Pattern
		.compile("(\\S+) Q0 (\\S+) ([1-9][0-9]*) (-?[0-9]+(?:\\.[0-9]+)?) (\\S+)");

	private static final Pattern QRELS_LINE = Pattern.compile("(\\S+) 0 (\\S+) (-?[0-9]+)");

	private TrecFiles() {
	}

	/**
	 * @param file a run file
	 * @param tag the tag every line must carry
	 * @return per query id (in file order), document id to score
	 */
	static Map<String, Map<String, Double>> readRun(Path file, String tag) throws IOException {
		Map<String, Map<String, Double>> run = new LinkedHashMap<>();
		Map<String, Integer> lastRank = new LinkedHashMap<>();
		Map<String, Double> lastScore = new LinkedHashMap<>();
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).as("run file %s", file).isNotEmpty();
		for (String line : lines) {
			Matcher matcher = RUN_LINE.matcher(line);
			assertThat(matcher.matches()).as("TREC run line '%s' in %s", line, file).isTrue();
			String query = matcher.group(1);
			int rank = Integer.parseInt(matcher.group(3));
			double score = Double.parseDouble(matcher.group(4));
			assertThat(matcher.group(5)).isEqualTo(tag);
			assertThat(rank).as("ranks count from 1 without gaps: %s", line)
				.isEqualTo(lastRank.getOrDefault(query, 0) + 1);
			assertThat(score).as("scores fall strictly with the rank: %s", line)
				.isLessThan(lastScore.getOrDefault(query, Double.POSITIVE_INFINITY));
			lastRank.put(query, rank);
			lastScore.put(query, score);
			Double previous = run.computeIfAbsent(query, key -> new LinkedHashMap<>()).put(matcher.group(2), score);
			assertThat(previous).as("document listed twice for query %s: %s", query, line).isNull();
		}
		return run;
	}

	/**
	 * @param file a TREC qrels file
	 * @return per query id, document id to grade
	 */
	static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
		Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			Matcher matcher = QRELS_LINE.matcher(line);
			assertThat(matcher.matches()).as("TREC qrels line '%s'", line).isTrue();
			qrels.computeIfAbsent(matcher.group(1), key -> new LinkedHashMap<>())
				.put(matcher.group(2), Integer.parseInt(matcher.group(3)));
		}
		return qrels;
	}

}

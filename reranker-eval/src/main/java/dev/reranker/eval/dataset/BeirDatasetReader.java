package dev.reranker.eval.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Reads a dataset in BEIR layout: <pre>
 * corpus.jsonl      {"_id": "d1", "title": "…", "text": "…"} one document per line
 * queries.jsonl     {"_id": "q1", "text": "…"} one query per line
 * qrels/test.tsv    query-id, corpus-id, score (tab separated, header optional)
 * </pre> Qrels lines may also be in TREC's four-column form ({@code qid iter docid rel}).
 * Grades are integers; as in trec_eval, a grade of 1 or more means relevant.
 * <p>
 * Which qrels file to use and an optional file of documents to drop from each query's
 * candidates (same layout as a qrels file; its score column is ignored) are options, so
 * collections with special rules (Cranfield's source documents) need no special code.
 */
public final class BeirDatasetReader {

	/** The qrels file used when none is given. */
	public static final String DEFAULT_QRELS = "qrels/test.tsv";

	private static final JsonMapper JSON = JsonMapper.shared();

	private BeirDatasetReader() {
	}

	/**
	 * What to read besides the corpus and queries.
	 *
	 * @param qrels the qrels file, relative to the dataset folder (or absolute)
	 * @param exclude a file of (query, document) pairs to drop from candidate lists,
	 * relative to the dataset folder (or absolute), or {@code null} for none
	 */
	public record Options(String qrels, @Nullable String exclude) {

		public Options {
			Assert.hasText(qrels, "qrels must not be blank");
		}

		/** Reads {@value #DEFAULT_QRELS} and excludes nothing. */
		public static Options defaults() {
			return new Options(DEFAULT_QRELS, null);
		}

	}

	/**
	 * Reads a dataset folder.
	 * @param folder the dataset folder
	 * @param options the qrels and exclusion files
	 * @return the dataset
	 * @throws DatasetException naming the file and line that cannot be read
	 */
	public static BeirDataset read(Path folder, Options options) {
		requireFolder(folder);
		Map<String, CorpusDocument> corpus = readCorpusFile(folder);
		List<EvalQuery> allQueries = new ArrayList<>();
		Set<String> queryIds = new LinkedHashSet<>();
		readJsonLines(folder.resolve("queries.jsonl"), (node, location) -> {
			String id = id(node, location);
			String text = string(node, "text");
			if (text.isBlank()) {
				throw new DatasetException(location + ": query '" + id + "' has no text");
			}
			if (!queryIds.add(id)) {
				throw new DatasetException(location + ": query id '" + id + "' appears more than once");
			}
			allQueries.add(new EvalQuery(id, text));
		});
		Path qrelsFile = folder.resolve(options.qrels());
		Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
		readPairs(qrelsFile, "--eval.qrels", (pair, location) -> {
			Map<String, Integer> documents = judgments.computeIfAbsent(pair.query(), key -> new LinkedHashMap<>());
			Integer previous = documents.putIfAbsent(pair.document(), pair.grade());
			if (previous != null && previous != pair.grade()) {
				throw new DatasetException(location + ": query '" + pair.query() + "' judges document '"
						+ pair.document() + "' twice with different grades (" + previous + ", " + pair.grade() + ")");
			}
		});
		Qrels qrels = new Qrels(judgments);

		Map<String, Set<String>> excluded = new LinkedHashMap<>();
		int[] exclusions = { 0 };
		if (options.exclude() != null) {
			readPairs(folder.resolve(options.exclude()), "--eval.exclude", (pair, location) -> {
				if (excluded.computeIfAbsent(pair.query(), key -> new LinkedHashSet<>()).add(pair.document())) {
					exclusions[0]++;
				}
			});
		}

		List<EvalQuery> queries = allQueries.stream().filter(query -> judgments.containsKey(query.id())).toList();
		int withoutRelevant = (int) queries.stream().filter(query -> qrels.relevantCount(query.id()) == 0).count();
		int judgedNotInFile = (int) judgments.keySet().stream().filter(id -> !queryIds.contains(id)).count();
		int notInCorpus = 0;
		int excludedJudgments = 0;
		for (Map.Entry<String, Map<String, Integer>> entry : judgments.entrySet()) {
			Set<String> excludedHere = excluded.getOrDefault(entry.getKey(), Set.of());
			for (String document : entry.getValue().keySet()) {
				if (!corpus.containsKey(document)) {
					notInCorpus++;
				}
				if (excludedHere.contains(document)) {
					excludedJudgments++;
				}
			}
		}
		if (queries.isEmpty()) {
			throw new DatasetException("No query of " + folder.resolve("queries.jsonl") + " has judgments in "
					+ qrelsFile + "; check that the qrels file belongs to this dataset (--eval.qrels)");
		}
		BeirDataset.Statistics statistics = new BeirDataset.Statistics(corpus.size(), allQueries.size(),
				allQueries.size() - queries.size(), withoutRelevant, qrels.size(), judgedNotInFile, notInCorpus,
				exclusions[0], excludedJudgments);
		return new BeirDataset(name(folder), corpus, queries, qrels, excluded, statistics);
	}

	/**
	 * Reads only a dataset folder's {@code corpus.jsonl}, for a tool that needs no
	 * queries nor judgments (such as {@code reranker-train}'s query generation).
	 * @param folder the dataset folder
	 * @return the dataset with its corpus and no queries, judgments or exclusions
	 * @throws DatasetException naming the file and line that cannot be read
	 */
	public static BeirDataset readCorpus(Path folder) {
		requireFolder(folder);
		Map<String, CorpusDocument> corpus = readCorpusFile(folder);
		return new BeirDataset(name(folder), corpus, List.of(), new Qrels(Map.of()), Map.of(),
				new BeirDataset.Statistics(corpus.size(), 0, 0, 0, 0, 0, 0, 0, 0));
	}

	private static void requireFolder(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new DatasetException("Dataset folder '" + folder + "' does not exist or is not a folder; pass a"
					+ " folder in BEIR layout (corpus.jsonl, queries.jsonl, qrels/<split>.tsv)");
		}
	}

	private static Map<String, CorpusDocument> readCorpusFile(Path folder) {
		Map<String, CorpusDocument> corpus = new LinkedHashMap<>();
		readJsonLines(folder.resolve("corpus.jsonl"), (node, location) -> {
			String id = id(node, location);
			CorpusDocument document = new CorpusDocument(id, string(node, "title"), string(node, "text"));
			if (corpus.putIfAbsent(id, document) != null) {
				throw new DatasetException(location + ": document id '" + id + "' appears more than once");
			}
		});
		return corpus;
	}

	private static String name(Path folder) {
		Path fileName = folder.toAbsolutePath().normalize().getFileName();
		return (fileName != null) ? fileName.toString() : folder.toString();
	}

	private static String id(JsonNode node, String location) {
		JsonNode id = node.get("_id");
		if (id == null || !(id.isString() || id.isNumber()) || id.asString().isBlank()) {
			throw new DatasetException(location + ": missing \"_id\" (a string or a number)");
		}
		return id.asString();
	}

	private static String string(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? "" : value.asString();
	}

	private interface LineHandler<T> {

		void accept(T value, String location);

	}

	private static void readJsonLines(Path file, LineHandler<JsonNode> handler) {
		readLines(file, null, (line, location) -> {
			JsonNode node;
			try {
				node = JSON.readTree(line);
			}
			catch (JacksonException ex) {
				throw new DatasetException(location + ": not a JSON object: " + ex.getOriginalMessage(), ex);
			}
			if (node == null || !node.isObject()) {
				throw new DatasetException(location + ": not a JSON object");
			}
			handler.accept(node, location);
		});
	}

	private record Pair(String query, String document, int grade) {
	}

	private static void readPairs(Path file, String option, LineHandler<Pair> handler) {
		boolean[] first = { true };
		readLines(file, option, (line, location) -> {
			String[] columns = line.trim().split("\\s+");
			boolean header = first[0];
			first[0] = false;
			if (columns.length != 3 && columns.length != 4) {
				throw new DatasetException(location + ": expected 'query-id corpus-id score' (or TREC's 'query-id"
						+ " iteration corpus-id score') but found " + columns.length + " columns");
			}
			String grade = columns[columns.length - 1];
			int value;
			try {
				value = Integer.parseInt(grade);
			}
			catch (NumberFormatException ex) {
				if (header) {
					return;
				}
				throw new DatasetException(location + ": score '" + grade + "' is not an integer");
			}
			handler.accept(new Pair(columns[0], columns[columns.length == 4 ? 2 : 1], value), location);
		});
	}

	private static void readLines(Path file, @Nullable String option, LineHandler<String> handler) {
		if (!Files.isRegularFile(file)) {
			throw new DatasetException("File '" + file + "' does not exist"
					+ ((option != null) ? "; pass the right file with " + option : "; a BEIR dataset folder needs it"));
		}
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (!line.isBlank()) {
					handler.accept(line, file + ":" + number);
				}
			}
		}
		catch (IOException ex) {
			throw new DatasetException("Cannot read '" + file + "': " + ex.getMessage(), ex);
		}
	}

}

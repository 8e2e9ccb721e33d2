package dev.reranker.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.testfixtures.datasets.SharedDatasets;

/**
 * The Cranfield 1400 collection in BEIR layout, found by {@link SharedDatasets} (beside
 * the repository; a missing collection skips locally and fails on CI). Query ids are
 * ordinal, qrels are graded (4 = complete answer … 1 = minimum interest), and every query
 * has one "source document" that must be left out of its results (see the dataset's
 * README).
 *
 * @param documents document id to text (the text starts with the title)
 * @param queries query id to text, in file order
 * @param qrels query id to (document id to graded relevance)
 * @param sourceDocuments query id to the document it was written from
 */
public record CranfieldDataset(Map<String, String> documents, Map<String, String> queries,
		Map<String, Map<String, Integer>> qrels, Map<String, String> sourceDocuments) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Loads the collection (see {@link SharedDatasets#cranfield()} when it is missing).
	 */
	public static CranfieldDataset load() {
		Path dir = locate();
		try {
			Map<String, String> documents = new LinkedHashMap<>();
			for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"))) {
				JsonNode node = JSON.readTree(line);
				documents.put(node.get("_id").asString(), node.get("text").asString());
			}
			Map<String, String> queries = new LinkedHashMap<>();
			for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
				JsonNode node = JSON.readTree(line);
				queries.put(node.get("_id").asString(), node.get("text").asString());
			}
			Map<String, Map<String, Integer>> qrels = new HashMap<>();
			for (String[] row : tsv(dir.resolve("qrels/test.tsv"))) {
				qrels.computeIfAbsent(row[0], q -> new HashMap<>()).put(row[1], Integer.parseInt(row[2]));
			}
			Map<String, String> sources = new HashMap<>();
			for (String[] row : tsv(dir.resolve("qrels/source_docs.tsv"))) {
				sources.put(row[0], row[1]);
			}
			return new CranfieldDataset(documents, queries, qrels, sources);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String[]> tsv(Path file) throws IOException {
		return Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
	}

	private static Path locate() {
		return SharedDatasets.cranfield();
	}

}

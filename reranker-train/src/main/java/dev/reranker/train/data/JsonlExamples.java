package dev.reranker.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.train.TrainingExample;

/**
 * Reads training examples from JSON lines, one object per line:
 * <pre>{"query": "…", "positive": "…", "negatives": ["…", "…"]}</pre> {@code negatives}
 * is optional. Blank lines are skipped; anything else that is not such an object fails
 * with the line number and what to change.
 */
public final class JsonlExamples {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonlExamples() {
	}

	/**
	 * Writes examples in the layout {@link #read(Path)} reads, one object per line.
	 * @param file the JSONL file, replaced when it exists
	 * @param examples the examples
	 * @throws TrainingDataException when the file cannot be written
	 */
	public static void write(Path file, List<TrainingExample> examples) {
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			// The record's components are the fields read() reads.
			Files.write(file, examples.stream().map(JSON::writeValueAsString).toList(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new TrainingDataException("Could not write '" + file + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads a file.
	 * @param file the JSONL file
	 * @return the examples, in file order
	 * @throws TrainingDataException naming the file and line at fault
	 */
	public static List<TrainingExample> read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new TrainingDataException("Training pairs file '" + file + "' does not exist; pass a JSON lines file "
					+ "with one {\"query\", \"positive\", \"negatives\"} object per line");
		}
		List<TrainingExample> examples = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (!line.isBlank()) {
					examples.add(parse(line, file + ":" + number));
				}
			}
		}
		catch (IOException ex) {
			throw new TrainingDataException("Could not read '" + file + "': " + ex.getMessage(), ex);
		}
		if (examples.isEmpty()) {
			throw new TrainingDataException("Training pairs file '" + file + "' has no examples");
		}
		return examples;
	}

	private static TrainingExample parse(String line, String location) {
		JsonNode node;
		try {
			node = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new TrainingDataException(location + ": not valid JSON (" + ex.getOriginalMessage() + ")", ex);
		}
		if (node == null || !node.isObject()) {
			throw new TrainingDataException(location + ": expected a JSON object {\"query\", \"positive\", "
					+ "\"negatives\"}, found " + ((node == null) ? "nothing" : node.getNodeType()));
		}
		String query = text(node, "query", location);
		String positive = text(node, "positive", location);
		List<String> negatives = new ArrayList<>();
		JsonNode list = node.get("negatives");
		if (list != null && !list.isNull()) {
			if (!list.isArray()) {
				throw new TrainingDataException(location + ": \"negatives\" must be an array of strings");
			}
			for (int i = 0; i < list.size(); i++) {
				JsonNode negative = list.get(i);
				if (!negative.isString() || negative.asString().isBlank()) {
					throw new TrainingDataException(location + ": \"negatives\"[" + i + "] must be a non-blank string");
				}
				negatives.add(negative.asString());
			}
		}
		return new TrainingExample(query, positive, negatives);
	}

	private static String text(JsonNode node, String field, String location) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw new TrainingDataException(location + ": \"" + field + "\" must be a non-blank string");
		}
		return value.asString();
	}

}

package dev.reranker.eval.answers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * Reads reference answers from a JSON Lines file, one query per line: {@code {"query_id":
 * "8", "answer": "…"}}, where {@code query_id} is a string or a number and {@code answer}
 * a non-empty string or an array of them (several acceptable answers; the best one
 * counts). Blank lines are skipped. Every error names the file and line.
 */
public final class ReferenceAnswersReader {

	/** Prefix of a location read from the class path; anything else is a file path. */
	public static final String CLASSPATH = "classpath:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ReferenceAnswersReader() {
	}

	/**
	 * @param location {@code classpath:…}, {@code file:…} or a file path (relative to the
	 * working directory)
	 * @param judgedQueries ids of the dataset's judged queries: an answer for any other
	 * query id is an error
	 * @param dataset the dataset's name, for messages
	 * @return the answers
	 * @throws ReferenceAnswersException naming the file, the line and the problem
	 */
	public static ReferenceAnswers read(String location, Set<String> judgedQueries, String dataset) {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		Map<String, Integer> lines = new LinkedHashMap<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(open(location), StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				String at = location + ":" + number;
				JsonNode node;
				try {
					node = JSON.readTree(line);
				}
				catch (JacksonException ex) {
					throw new ReferenceAnswersException(at + ": not a JSON object (" + ex.getOriginalMessage()
							+ "); each line must be {\"query_id\": \"…\", \"answer\": \"…\"}", ex);
				}
				if (node == null || !node.isObject()) {
					throw new ReferenceAnswersException(
							at + ": not a JSON object; each line must be {\"query_id\": \"…\", \"answer\": \"…\"}");
				}
				String query = queryId(node, at);
				if (!judgedQueries.contains(query)) {
					throw new ReferenceAnswersException(at + ": query_id '" + query + "' is not a judged query of '"
							+ dataset + "' (not in queries.jsonl, or without judgments in the qrels file); fix the id"
							+ " or remove the line");
				}
				Integer first = lines.putIfAbsent(query, number);
				if (first != null) {
					throw new ReferenceAnswersException(at + ": query_id '" + query + "' already has an answer on line "
							+ first + "; give several answers of one query as an array on one line");
				}
				answers.put(query, answers(node, at));
			}
		}
		catch (IOException ex) {
			throw new ReferenceAnswersException("Cannot read reference answers '" + location + "': " + ex.getMessage(),
					ex);
		}
		if (answers.isEmpty()) {
			throw new ReferenceAnswersException("Reference answers '" + location + "' hold no answer; write one"
					+ " {\"query_id\": \"…\", \"answer\": \"…\"} per line");
		}
		return new ReferenceAnswers(location, answers);
	}

	private static InputStream open(String location) throws IOException {
		if (location.startsWith(CLASSPATH)) {
			ClassPathResource resource = new ClassPathResource(location.substring(CLASSPATH.length()));
			if (!resource.exists()) {
				throw new ReferenceAnswersException("Reference answers '" + location + "' are not on the class path;"
						+ " pass --eval.answers=<file path> or classpath:answers/cranfield-sample.jsonl");
			}
			return resource.getInputStream();
		}
		Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
		if (!Files.isRegularFile(file)) {
			throw new ReferenceAnswersException("Reference answers file '" + file.toAbsolutePath() + "' does not exist;"
					+ " pass --eval.answers=<JSONL file of {\"query_id\", \"answer\"} lines> (relative paths resolve"
					+ " from the working directory)");
		}
		return Files.newInputStream(file);
	}

	private static String queryId(JsonNode node, String at) {
		JsonNode id = node.get("query_id");
		if (id == null || !(id.isString() || id.isIntegralNumber()) || id.asString().isBlank()) {
			throw new ReferenceAnswersException(at + ": missing \"query_id\" (a string or a number)");
		}
		return id.asString();
	}

	private static List<String> answers(JsonNode node, String at) {
		JsonNode answer = node.get("answer");
		List<String> answers = new ArrayList<>();
		if (answer != null && answer.isString()) {
			answers.add(answer.asString());
		}
		else if (answer != null && answer.isArray()) {
			for (JsonNode element : answer) {
				if (!element.isString()) {
					throw new ReferenceAnswersException(
							at + ": \"answer\" holds " + element.getNodeType() + " where a string is expected");
				}
				answers.add(element.asString());
			}
		}
		else {
			throw new ReferenceAnswersException(at + ": missing \"answer\" (a string, or an array of strings)");
		}
		if (answers.isEmpty() || answers.stream().anyMatch(text -> AnswerScoring.normalize(text).isEmpty())) {
			throw new ReferenceAnswersException(
					at + ": \"answer\" is empty (or only punctuation and articles);" + " give the text of the answer");
		}
		return answers;
	}

}

package dev.reranker.eval.answers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReferenceAnswersReaderTests {

	private static final Set<String> JUDGED = Set.of("1", "2", "3");

	@TempDir
	Path folder;

	@Test
	void readsStringAndArrayAnswersAndNumericIdsSkippingBlankLines() throws IOException {
		Path file = write("""
				{"query_id": "1", "answer": "axial compression"}

				{"query_id": 2, "answer": ["a linear heat input", "linear heat"]}
				""");
		ReferenceAnswers answers = ReferenceAnswersReader.read(file.toString(), JUDGED, "tiny");
		assertThat(answers.byQuery()).containsOnlyKeys("1", "2");
		assertThat(answers.of("1")).containsExactly("axial compression");
		assertThat(answers.of("2")).containsExactly("a linear heat input", "linear heat");
		assertThat(answers.of("3")).isEmpty();
		assertThat(answers.source()).isEqualTo(file.toString());
	}

	@Test
	void aMissingFileIsNamedWithTheOptionToFix() {
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> ReferenceAnswersReader.read(this.folder.resolve("none.jsonl").toString(), JUDGED, "tiny"))
			.withMessageContaining("none.jsonl' does not exist")
			.withMessageContaining("--eval.answers=");
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> ReferenceAnswersReader.read("classpath:answers/none.jsonl", JUDGED, "tiny"))
			.withMessageContaining("'classpath:answers/none.jsonl' are not on the class path");
	}

	@Test
	void aMalformedLineIsNamedByItsNumber() throws IOException {
		Path file = write("{\"query_id\": \"1\", \"answer\": \"x\"}\n\n{\"query_id\": \"2\", \"answer\": \n");
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> ReferenceAnswersReader.read(file.toString(), JUDGED, "tiny"))
			.withMessageStartingWith(file + ":3: not a JSON object");
	}

	@Test
	void missingOrEmptyFieldsAreNamed() throws IOException {
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> read("{\"id\": \"1\", \"answer\": \"x\"}\n"))
			.withMessageContaining(":1: missing \"query_id\"");
		assertThatExceptionOfType(ReferenceAnswersException.class).isThrownBy(() -> read("{\"query_id\": \"1\"}\n"))
			.withMessageContaining(":1: missing \"answer\"");
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> read("{\"query_id\": \"1\", \"answer\": \" the . \"}\n"))
			.withMessageContaining(":1: \"answer\" is empty");
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> read("{\"query_id\": \"1\", \"answer\": [\"x\", 3]}\n"))
			.withMessageContaining(":1: \"answer\" holds NUMBER where a string is expected");
		assertThatExceptionOfType(ReferenceAnswersException.class).isThrownBy(() -> read("[1, 2]\n"))
			.withMessageContaining(":1: not a JSON object");
		assertThatExceptionOfType(ReferenceAnswersException.class).isThrownBy(() -> read("\n\n"))
			.withMessageContaining("hold no answer");
	}

	@Test
	void anUnknownQueryIdIsNamedWithItsLine() throws IOException {
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(
					() -> read("{\"query_id\": \"1\", \"answer\": \"x\"}\n{\"query_id\": \"42\", \"answer\": \"y\"}\n"))
			.withMessageContaining(":2: query_id '42' is not a judged query of 'tiny'");
	}

	@Test
	void aSecondAnswerLineForAQueryNamesTheFirst() throws IOException {
		assertThatExceptionOfType(ReferenceAnswersException.class)
			.isThrownBy(() -> read("{\"query_id\": \"1\", \"answer\": \"x\"}\n{\"query_id\": 1, \"answer\": \"y\"}\n"))
			.withMessageContaining(":2: query_id '1' already has an answer on line 1");
	}

	@Test
	void theShippedCranfieldSampleHoldsTwentyAnswers() {
		Set<String> ids = new java.util.HashSet<>();
		for (int i = 1; i <= 225; i++) {
			ids.add(String.valueOf(i));
		}
		ReferenceAnswers sample = ReferenceAnswersReader.read("classpath:answers/cranfield-sample.jsonl", ids,
				"cranfield");
		assertThat(sample.byQuery()).hasSize(20);
	}

	private ReferenceAnswers read(String content) throws IOException {
		return ReferenceAnswersReader.read(write(content).toString(), JUDGED, "tiny");
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.folder.resolve("answers.jsonl"), content);
	}

}

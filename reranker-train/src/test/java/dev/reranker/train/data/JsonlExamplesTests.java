package dev.reranker.train.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.train.TrainingExample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonlExamplesTests {

	@TempDir
	Path temp;

	@Test
	void readsExamplesWithAndWithoutNegativesSkippingBlankLines() throws Exception {
		Path file = write("""
				{"query": "q1", "positive": "p1", "negatives": ["n1", "n2"]}

				{"query": "q2", "positive": "p2"}
				""");
		assertThat(JsonlExamples.read(file)).containsExactly(new TrainingExample("q1", "p1", List.of("n1", "n2")),
				new TrainingExample("q2", "p2", List.of()));
	}

	@Test
	void aMissingPositiveNamesTheLine() throws Exception {
		Path file = write("""
				{"query": "q1", "positive": "p1"}
				{"query": "q2", "negatives": ["n"]}
				""");
		assertThatExceptionOfType(TrainingDataException.class).isThrownBy(() -> JsonlExamples.read(file))
			.withMessage(file + ":2: \"positive\" must be a non-blank string");
	}

	@Test
	void negativesThatAreNotStringsNameTheLineAndIndex() throws Exception {
		Path file = write("{\"query\": \"q\", \"positive\": \"p\", \"negatives\": [\"n\", 3]}\n");
		assertThatExceptionOfType(TrainingDataException.class).isThrownBy(() -> JsonlExamples.read(file))
			.withMessage(file + ":1: \"negatives\"[1] must be a non-blank string");
	}

	@Test
	void invalidJsonNamesTheLine() throws Exception {
		Path file = write("{\"query\": \"q\", \"positive\": \n");
		assertThatExceptionOfType(TrainingDataException.class).isThrownBy(() -> JsonlExamples.read(file))
			.withMessageStartingWith(file + ":1: not valid JSON");
	}

	@Test
	void aMissingFileSaysWhatToPass() {
		Path file = this.temp.resolve("missing.jsonl");
		assertThatExceptionOfType(TrainingDataException.class).isThrownBy(() -> JsonlExamples.read(file))
			.withMessageContaining("does not exist")
			.withMessageContaining("one {\"query\", \"positive\", \"negatives\"} object per line");
	}

	private Path write(String content) throws Exception {
		Path file = this.temp.resolve("pairs.jsonl");
		Files.writeString(file, content);
		return file;
	}

}

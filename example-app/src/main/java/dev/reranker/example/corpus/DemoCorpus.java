package dev.reranker.example.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.document.Document;
import org.springframework.core.io.ClassPathResource;

/**
 * The bundled demo corpus: small groups of passages, each written around one query so
 * that the passage that answers it shares few words with it while the others share many.
 * These are the cases where embedding similarity goes wrong and a cross-encoder, which
 * reads the query and the passage together, gets it right: negation, qualification,
 * before/after dates, "X causes Y" vs "X prevents Y", shared vocabulary without an
 * answer.
 *
 * @param examples the groups, each with its query and passages
 */
public record DemoCorpus(List<Example> examples) {

	/** Metadata key holding the passage id on ingested demo documents. */
	public static final String PASSAGE_ID = "passage_id";

	/** Metadata key holding where a document came from ("demo" or a file path). */
	public static final String SOURCE = "source";

	/** Classpath location of the corpus. */
	public static final String LOCATION = "demo/corpus.json";

	/**
	 * One query and the passages written around it.
	 *
	 * @param id a stable id
	 * @param title what the example shows
	 * @param query the query
	 * @param passages the passages, not in answer-first order
	 */
	public record Example(String id, String title, String query, List<Passage> passages) {

		/** The passage that answers the query. */
		public Passage answer() {
			return this.passages.stream()
				.filter(passage -> passage.role() == Role.ANSWER)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Example '" + this.id + "' has no answer passage"));
		}

		/** The passage that does not belong to the topic at all. */
		public Passage offTopic() {
			return this.passages.stream()
				.filter(passage -> passage.role() == Role.OFF_TOPIC)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Example '" + this.id + "' has no off-topic passage"));
		}

	}

	/**
	 * One passage.
	 *
	 * @param id a stable id, unique in the corpus
	 * @param role what the passage is for in its example
	 * @param text the text
	 */
	public record Passage(String id, Role role, String text) {

		/** The passage as a document with a stable UUID (so re-ingestion updates it). */
		public Document toDocument(String exampleId) {
			String uuid = UUID.nameUUIDFromBytes(("demo:" + this.id).getBytes(StandardCharsets.UTF_8)).toString();
			return Document.builder()
				.id(uuid)
				.text(this.text)
				.metadata(Map.of(SOURCE, "demo", PASSAGE_ID, this.id, "example", exampleId))
				.build();
		}

	}

	/** What a passage is for. */
	public enum Role {

		/** Answers the example's query. */
		ANSWER,

		/** Shares vocabulary with the query without answering it. */
		DISTRACTOR,

		/** Has nothing to do with the query (besides a word or two). */
		OFF_TOPIC;

		@JsonCreator
		static Role of(String value) {
			return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

	/** All passages as documents, for the vector store. */
	public List<Document> documents() {
		return this.examples.stream()
			.flatMap(example -> example.passages().stream().map(passage -> passage.toDocument(example.id())))
			.toList();
	}

	/** Finds an example by id. */
	public Example example(String id) {
		return this.examples.stream()
			.filter(example -> example.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No demo example '" + id + "'"));
	}

	/**
	 * Loads the bundled corpus.
	 * @param jsonMapper the mapper to read it with
	 * @return the corpus
	 */
	public static DemoCorpus load(JsonMapper jsonMapper) {
		try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
			return jsonMapper.readValue(in, DemoCorpus.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the demo corpus " + LOCATION, ex);
		}
	}

}

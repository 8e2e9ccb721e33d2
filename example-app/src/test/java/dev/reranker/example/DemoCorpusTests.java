package dev.reranker.example;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.reranker.example.corpus.DemoCorpus;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled corpus is well formed: every example has one answer and one off-topic
 * passage, and every passage a unique, stable id.
 */
class DemoCorpusTests {

	private final DemoCorpus corpus = DemoCorpus.load(JsonMapper.builder().build());

	@Test
	void everyExampleHasOneAnswerAndOneOffTopicPassage() {
		assertThat(this.corpus.examples()).hasSizeGreaterThanOrEqualTo(8);
		for (DemoCorpus.Example example : this.corpus.examples()) {
			assertThat(example.passages()).filteredOn(p -> p.role() == DemoCorpus.Role.ANSWER).hasSize(1);
			assertThat(example.passages()).filteredOn(p -> p.role() == DemoCorpus.Role.OFF_TOPIC).hasSize(1);
			assertThat(example.passages().get(0).role()).as("answer not listed first")
				.isNotEqualTo(DemoCorpus.Role.ANSWER);
		}
	}

	@Test
	void documentsHaveUniqueStableIds() {
		List<Document> documents = this.corpus.documents();
		assertThat(documents).extracting(Document::getId).doesNotHaveDuplicates();
		assertThat(DemoCorpus.load(JsonMapper.builder().build()).documents()).extracting(Document::getId)
			.containsExactlyElementsOf(documents.stream().map(Document::getId).toList());
		assertThat(documents).extracting(d -> d.getMetadata().get(DemoCorpus.PASSAGE_ID)).doesNotHaveDuplicates();
	}

}

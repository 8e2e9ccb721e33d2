package dev.reranker.context;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DocumentTemplate}: text and metadata placeholders, missing values empty, the
 * document itself untouched.
 */
class DocumentTemplateTests {

	private final Document document = Document.builder()
		.id("1")
		.text("Rust forms when iron meets water and oxygen.")
		.metadata(Map.of("title", "Corrosion", "year", 2021))
		.build();

	@Test
	void placeholdersTakeTheTextAndMetadataValues() {
		assertThat(DocumentTemplate.of("{title} ({year}): {text}").render(this.document))
			.isEqualTo("Corrosion (2021): Rust forms when iron meets water and oxygen.");
	}

	@Test
	void missingMetadataIsEmptyAndLeavesNoDoubleSpaces() {
		assertThat(DocumentTemplate.of("{author} {title} {text}").render(this.document))
			.isEqualTo("Corrosion Rust forms when iron meets water and oxygen.");
	}

	@Test
	void blankTextLeavesTheMetadataAlone() {
		Document blank = Document.builder().id("2").text(" ").metadata("title", "T").build();

		assertThat(DocumentTemplate.of("{title} {text}").render(blank)).isEqualTo("T");
	}

	@Test
	void renderingLeavesTheDocumentAlone() {
		DocumentTemplate.of("{title} {text}").render(this.document);

		assertThat(this.document.getText()).isEqualTo("Rust forms when iron meets water and oxygen.");
		assertThat(this.document.getMetadata()).containsOnlyKeys("title", "year");
	}

	@Test
	void templateWithoutPlaceholderIsRejectedWithAnExample() {
		assertThatIllegalArgumentException().isThrownBy(() -> DocumentTemplate.of("title"))
			.withMessageContaining("has no placeholder: use {text}");
	}

}

package dev.reranker.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.example.corpus.DemoCorpus;
import dev.reranker.example.corpus.DocumentIngestor;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Ingestion of a folder of text, Markdown and PDF files (app.ingest.location) with the
 * app's real embedding model.
 */
@ExampleAppTest
class FolderIngestionTests {

	@Autowired
	EmbeddingModel embeddingModel;

	@Autowired
	AppProperties properties;

	@TempDir
	Path folder;

	@Test
	void ingestsTextMarkdownAndPdfFilesAndSkipsOthers() throws IOException {
		Files.writeString(this.folder.resolve("lighthouse.txt"),
				"The lighthouse keeper climbs 120 steps every evening to light the lamp.");
		Files.createDirectories(this.folder.resolve("notes"));
		Files.writeString(this.folder.resolve("notes/bread.md"),
				"# Bread\n\nSourdough bread rises slowly because wild yeast ferments the dough overnight.\n");
		writePdf(this.folder.resolve("notes/volcano.pdf"),
				"Volcanic eruptions release ash and sulphur dioxide into the stratosphere.");
		Files.write(this.folder.resolve("image.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		SimpleVectorStore store = SimpleVectorStore.builder(this.embeddingModel).build();
		DocumentIngestor ingestor = new DocumentIngestor(store, this.properties.ingest());

		assertThat(ingestor.ingest(this.folder)).isEqualTo(3);

		assertThat(topHit(store, "how does sourdough rise?")).contains("wild yeast");
		assertThat(topHit(store, "what do volcanoes emit?")).contains("sulphur dioxide");
		Document lighthouse = store.similaritySearch(SearchRequest.builder().query("lighthouse").topK(1).build())
			.get(0);
		assertThat(lighthouse.getMetadata().get(DemoCorpus.SOURCE).toString()).endsWith("lighthouse.txt");

		// Ids derive from path + chunk number: ingesting again replaces, never
		// duplicates.
		ingestor.ingest(this.folder);
		assertThat(store.similaritySearch(
				SearchRequest.builder().query("lighthouse keeper, sourdough bread and volcanic ash").topK(100).build()))
			.hasSize(3);
	}

	@Test
	void aMissingOrEmptyLocationIsRejectedNamingTheProperty() throws IOException {
		assertThatIllegalArgumentException().isThrownBy(() -> DocumentIngestor.check(this.folder.resolve("nope")))
			.withMessageContaining("app.ingest.location")
			.withMessageContaining("does not exist");
		Files.writeString(this.folder.resolve("data.csv"), "a,b\n");
		assertThatIllegalArgumentException().isThrownBy(() -> DocumentIngestor.check(this.folder))
			.withMessageContaining("holds no .txt, .md or .pdf file");
	}

	private static String topHit(SimpleVectorStore store, String query) {
		List<Document> hits = store.similaritySearch(SearchRequest.builder().query(query).topK(1).build());
		return hits.get(0).getText();
	}

	private static void writePdf(Path file, String text) throws IOException {
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 700);
				content.showText(text);
				content.endText();
			}
			document.save(file.toFile());
		}
	}

}

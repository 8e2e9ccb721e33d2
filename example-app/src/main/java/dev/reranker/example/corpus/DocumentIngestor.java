package dev.reranker.example.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.example.AppProperties;

import org.springframework.ai.document.Document;
import org.springframework.ai.reader.TextReader;
import org.springframework.ai.reader.markdown.MarkdownDocumentReader;
import org.springframework.ai.reader.markdown.config.MarkdownDocumentReaderConfig;
import org.springframework.ai.reader.pdf.PagePdfDocumentReader;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.core.io.FileSystemResource;

/**
 * Loads text, Markdown and PDF files from a folder into the vector store: read with
 * Spring AI's document readers, split into chunks, embedded and stored in batches, with
 * progress logged. Chunk ids derive from the file path and chunk number, so ingesting the
 * same folder again into a persistent store updates documents instead of duplicating
 * them.
 */
public class DocumentIngestor {

	private static final Logger logger = LoggerFactory.getLogger(DocumentIngestor.class);

	private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

	private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[ \\t\\x0B\\f]+");

	private final VectorStore vectorStore;

	private final AppProperties.Ingest properties;

	public DocumentIngestor(VectorStore vectorStore, AppProperties.Ingest properties) {
		this.vectorStore = vectorStore;
		this.properties = properties;
	}

	/** Whether a file is one this ingestor reads, judged by its extension. */
	public static boolean isSupported(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".pdf");
	}

	/**
	 * Ingests every supported file under a folder (or one file).
	 * @param location the folder or file
	 * @return how many chunks were stored
	 * @throws IllegalArgumentException when the location does not exist or holds no
	 * supported file
	 */
	public int ingest(Path location) {
		List<Path> files = check(location);
		logger.info("Ingesting {} files from {}", files.size(), location);
		TokenTextSplitter splitter = TokenTextSplitter.builder().withChunkSize(this.properties.chunkSize()).build();
		long start = System.nanoTime();
		long lastReport = start;
		int chunks = 0;
		int failed = 0;
		List<Document> batch = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			Path file = files.get(i);
			try {
				List<Document> split = splitter.apply(read(file));
				for (int chunk = 0; chunk < split.size(); chunk++) {
					batch.add(withStableId(split.get(chunk), file, chunk));
					if (batch.size() >= this.properties.batchSize()) {
						chunks += flush(batch);
					}
				}
			}
			catch (RuntimeException ex) {
				failed++;
				logger.warn("Skipped {}: {}", file, ex.getMessage());
			}
			long now = System.nanoTime();
			if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
				lastReport = now;
				logger.info("Ingest progress: {}/{} files ({}%), {} chunks stored, {} s", i + 1, files.size(),
						(i + 1) * 100 / files.size(), chunks, (now - start) / 1_000_000_000L);
			}
		}
		chunks += flush(batch);
		logger.info("Ingested {} chunks from {} files in {} ms{}", chunks, files.size() - failed,
				(System.nanoTime() - start) / 1_000_000L, (failed > 0) ? " (" + failed + " files skipped)" : "");
		return chunks;
	}

	/**
	 * Checks that a location exists and holds supported files.
	 * @param location the folder or file
	 * @return the supported files, sorted
	 * @throws IllegalArgumentException naming the property and what to change
	 */
	public static List<Path> check(Path location) {
		if (!Files.exists(location)) {
			throw new IllegalArgumentException("app.ingest.location '" + location
					+ "' does not exist; point it at a folder of .txt, .md or .pdf files");
		}
		List<Path> files = listFiles(location);
		if (files.isEmpty()) {
			throw new IllegalArgumentException("app.ingest.location '" + location
					+ "' holds no .txt, .md or .pdf file; point it at a folder that does");
		}
		return files;
	}

	private int flush(List<Document> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		this.vectorStore.add(List.copyOf(batch));
		int size = batch.size();
		batch.clear();
		return size;
	}

	private static List<Path> listFiles(Path location) {
		if (Files.isRegularFile(location)) {
			return isSupported(location) ? List.of(location) : List.of();
		}
		try (Stream<Path> paths = Files.walk(location)) {
			return paths.filter(Files::isRegularFile).filter(DocumentIngestor::isSupported).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list app.ingest.location '" + location + "'", ex);
		}
	}

	private static List<Document> read(Path file) {
		FileSystemResource resource = new FileSystemResource(file);
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		List<Document> documents;
		if (name.endsWith(".pdf")) {
			documents = new PagePdfDocumentReader(resource).get();
		}
		else if (name.endsWith(".md") || name.endsWith(".markdown")) {
			documents = new MarkdownDocumentReader(resource, MarkdownDocumentReaderConfig.defaultConfig()).get();
		}
		else {
			documents = new TextReader(resource).get();
		}
		return documents.stream()
			.filter(document -> document.getText() != null && !document.getText().isBlank())
			.map(document -> {
				Map<String, Object> metadata = new HashMap<>(document.getMetadata());
				metadata.put(DemoCorpus.SOURCE, file.toString());
				// PDF text comes out laid out with runs of spaces; passages read better
				// without.
				return Document.builder()
					.id(document.getId())
					.text(HORIZONTAL_SPACE.matcher(document.getText()).replaceAll(" "))
					.metadata(metadata)
					.build();
			})
			.toList();
	}

	private static Document withStableId(Document chunk, Path file, int index) {
		String key = file.toAbsolutePath().normalize() + "#" + index;
		return Document.builder()
			.id(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString())
			.text(chunk.getText())
			.metadata(chunk.getMetadata())
			.build();
	}

}

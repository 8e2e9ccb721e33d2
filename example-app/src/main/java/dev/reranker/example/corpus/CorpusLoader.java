package dev.reranker.example.corpus;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reranker.example.AppProperties;

import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Fills the vector store at start-up: the demo corpus (unless app.ingest.demo-corpus is
 * false), then the files under app.ingest.location, if set. A folder is ingested on a
 * background thread so the page is usable while large folders load; progress is logged.
 */
@Component
class CorpusLoader implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(CorpusLoader.class);

	private final VectorStore vectorStore;

	private final DemoCorpus demoCorpus;

	private final AppProperties properties;

	CorpusLoader(VectorStore vectorStore, DemoCorpus demoCorpus, AppProperties properties) {
		this.vectorStore = vectorStore;
		this.demoCorpus = demoCorpus;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.properties.ingest().demoCorpus()) {
			long start = System.nanoTime();
			this.vectorStore.add(this.demoCorpus.documents());
			logger.info("Loaded the demo corpus: {} passages in {} ms", this.demoCorpus.documents().size(),
					(System.nanoTime() - start) / 1_000_000L);
		}
		String location = this.properties.ingest().location();
		if (StringUtils.hasText(location)) {
			DocumentIngestor ingestor = new DocumentIngestor(this.vectorStore, this.properties.ingest());
			Path path = Path.of(location);
			// Fail start-up at once on a wrong location; the slow part runs in the
			// background.
			DocumentIngestor.check(path);
			Thread thread = new Thread(() -> {
				try {
					ingestor.ingest(path);
				}
				catch (RuntimeException ex) {
					logger.error("Ingesting app.ingest.location failed: {}", ex.getMessage(), ex);
				}
			}, "ingest");
			thread.setDaemon(true);
			thread.start();
		}
	}

}

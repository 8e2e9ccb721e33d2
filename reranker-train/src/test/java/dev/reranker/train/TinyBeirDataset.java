package dev.reranker.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small dataset in BEIR layout: six documents (one empty), three queries judged in
 * {@code qrels/train.tsv} (q3 has no relevant document), and {@code exclude.tsv} removing
 * d5 from q1's candidates.
 */
public final class TinyBeirDataset {

	private TinyBeirDataset() {
	}

	public static Path write(Path folder) {
		try {
			Files.createDirectories(folder.resolve("qrels"));
			Files.writeString(folder.resolve("corpus.jsonl"), """
					{"_id": "d1", "title": "Tides", "text": "the moon pulls the oceans and makes tides"}
					{"_id": "d2", "title": "Sky", "text": "the sky is blue because air scatters blue light"}
					{"_id": "d3", "title": "Moon", "text": "the moon makes tides rise twice a day"}
					{"_id": "d4", "title": "Bees", "text": "bees dance to show where flowers are"}
					{"_id": "d5", "title": "Ocean", "text": "oceans cover most of the earth"}
					{"_id": "d6", "title": "", "text": ""}
					""");
			Files.writeString(folder.resolve("queries.jsonl"), """
					{"_id": "q1", "text": "what makes the tides of the oceans"}
					{"_id": "q2", "text": "why is the sky blue"}
					{"_id": "q3", "text": "a query without a relevant document"}
					""");
			Files.writeString(folder.resolve("qrels/train.tsv"),
					"query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t2\nq2\td6\t1\nq3\td4\t0\n");
			Files.writeString(folder.resolve("exclude.tsv"), "q1\td5\t1\n");
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

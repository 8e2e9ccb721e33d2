package dev.reranker.eval.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BeirDatasetReaderTests {

	@TempDir
	Path folder;

	@Test
	void readsCorpusQueriesGradedQrelsAndExclusions() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("qrels/source.tsv"), "query-id\tcorpus-id\tscore\nq1\td3\t1\n");

		BeirDataset dataset = BeirDatasetReader.read(this.folder,
				new BeirDatasetReader.Options("qrels/test.tsv", "qrels/source.tsv"));

		assertThat(dataset.name()).isEqualTo(this.folder.getFileName().toString());
		assertThat(dataset.corpus()).containsOnlyKeys("d1", "d2", "d3", "7");
		assertThat(dataset.corpus().get("d1")).isEqualTo(new CorpusDocument("d1", "Title one", "Body one."));
		assertThat(dataset.corpus().get("7").title()).isEmpty();
		// q3 has no judgments: not evaluated
		assertThat(dataset.queries()).extracting(EvalQuery::id).containsExactly("q1", "q2");
		assertThat(dataset.qrels().judgments("q1")).containsEntry("d1", 2).containsEntry("d2", 0);
		assertThat(dataset.qrels().relevantCount("q1")).isEqualTo(1);
		assertThat(dataset.excludedFor("q1")).containsExactly("d3");
		assertThat(dataset.excludedFor("q2")).isEmpty();
		assertThat(dataset.statistics()).isEqualTo(new BeirDataset.Statistics(4, 3, 1, 1, 5, 1, 1, 1, 0));
	}

	@Test
	void numericIdsAreReadAsStrings() throws IOException {
		writeDataset();
		BeirDataset dataset = BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults());
		assertThat(dataset.corpus().get("7").text()).isEqualTo("Numeric id.");
	}

	@Test
	void readsTrecFourColumnQrelsWithoutHeader() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("qrels/trec.txt"), "q1 0 d1 1\nq2 0 d3 3\n");
		BeirDataset dataset = BeirDatasetReader.read(this.folder,
				new BeirDatasetReader.Options("qrels/trec.txt", null));
		assertThat(dataset.qrels().judgments("q2")).containsExactlyEntriesOf(java.util.Map.of("d3", 3));
		assertThat(dataset.excluded()).isEmpty();
	}

	@Test
	void titleIsPutBeforeTextUnlessTheTextStartsWithIt() {
		assertThat(new CorpusDocument("1", "Wings", "Lift is studied.").content(true))
			.isEqualTo("Wings Lift is studied.");
		assertThat(new CorpusDocument("1", "wings .", "wings . lift is studied.").content(true))
			.isEqualTo("wings . lift is studied.");
		assertThat(new CorpusDocument("1", "Wings", "Lift is studied.").content(false)).isEqualTo("Lift is studied.");
		assertThat(new CorpusDocument("1", "Wings", "").content(true)).isEqualTo("Wings");
	}

	@Test
	void missingFolderNamesTheFolderAndTheLayout() {
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder.resolve("nope"), BeirDatasetReader.Options.defaults()))
			.withMessageContaining("nope")
			.withMessageContaining("BEIR layout");
	}

	@Test
	void missingQrelsFileNamesTheOptionToChange() throws IOException {
		writeDataset();
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, new BeirDatasetReader.Options("qrels/dev.tsv", null)))
			.withMessageContaining("qrels/dev.tsv")
			.withMessageContaining("--eval.qrels");
	}

	@Test
	void missingExclusionFileNamesTheOptionToChange() throws IOException {
		writeDataset();
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder,
					new BeirDatasetReader.Options("qrels/test.tsv", "qrels/source_docs.tsv")))
			.withMessageContaining("source_docs.tsv")
			.withMessageContaining("--eval.exclude");
	}

	@Test
	void badJsonLineNamesFileAndLine() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"ok\"}\n{not json\n");
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults()))
			.withMessageContaining("corpus.jsonl:2")
			.withMessageContaining("not a JSON object");
	}

	@Test
	void duplicateDocumentIdIsAnError() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("corpus.jsonl"),
				"{\"_id\": \"d1\", \"text\": \"a\"}\n{\"_id\": \"d1\", \"text\": \"b\"}\n");
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults()))
			.withMessageContaining("corpus.jsonl:2")
			.withMessageContaining("'d1' appears more than once");
	}

	@Test
	void missingIdIsAnError() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("queries.jsonl"), "{\"text\": \"where?\"}\n");
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults()))
			.withMessageContaining("queries.jsonl:1")
			.withMessageContaining("_id");
	}

	@Test
	void conflictingGradesForOnePairAreAnError() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("qrels/test.tsv"), "q1\td1\t1\nq1\td1\t2\n");
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults()))
			.withMessageContaining("test.tsv:2")
			.withMessageContaining("twice with different grades");
	}

	@Test
	void nonIntegerScoreAfterTheFirstLineIsAnError() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\thigh\n");
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults()))
			.withMessageContaining("test.tsv:2")
			.withMessageContaining("'high' is not an integer");
	}

	@Test
	void qrelsThatMatchNoQueryAreAnError() throws IOException {
		writeDataset();
		Files.writeString(this.folder.resolve("qrels/test.tsv"), "other\td1\t1\n");
		assertThatExceptionOfType(DatasetException.class)
			.isThrownBy(() -> BeirDatasetReader.read(this.folder, BeirDatasetReader.Options.defaults()))
			.withMessageContaining("No query")
			.withMessageContaining("--eval.qrels");
	}

	private void writeDataset() throws IOException {
		Files.writeString(this.folder.resolve("corpus.jsonl"), """
				{"_id": "d1", "title": "Title one", "text": "Body one."}
				{"_id": "d2", "title": "Title two", "text": "Body two."}

				{"_id": "d3", "text": "Body three."}
				{"_id": 7, "title": null, "text": "Numeric id."}
				""");
		Files.writeString(this.folder.resolve("queries.jsonl"), """
				{"_id": "q1", "text": "first question"}
				{"_id": "q2", "text": "second question"}
				{"_id": "q3", "text": "unjudged question"}
				""");
		Files.createDirectories(this.folder.resolve("qrels"));
		// q2 has only a non-relevant judgment; q9 is not in queries.jsonl; d404 is not in
		// the corpus
		Files.writeString(this.folder.resolve("qrels/test.tsv"), """
				query-id\tcorpus-id\tscore
				q1\td1\t2
				q1\td2\t0
				q2\td3\t0
				q9\td1\t1
				q1\td404\t0
				""");
	}

}

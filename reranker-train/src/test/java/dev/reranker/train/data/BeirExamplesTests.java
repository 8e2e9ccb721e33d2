package dev.reranker.train.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.train.TermOverlapStage;
import dev.reranker.train.TinyBeirDataset;
import dev.reranker.train.TrainingExample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Examples from a small BEIR-layout dataset with a training split and an exclusion file.
 */
class BeirExamplesTests {

	@TempDir
	Path temp;

	BeirDataset dataset;

	@BeforeEach
	void write() {
		TinyBeirDataset.write(this.temp);
		this.dataset = BeirDatasetReader.read(this.temp,
				new BeirDatasetReader.Options("qrels/train.tsv", "exclude.tsv"));
	}

	@Test
	void randomNegativesAreNeitherPositivesNorExcluded() {
		List<TrainingExample> examples = BeirExamples.build(this.dataset,
				new BeirExamples.Options(0, 0, 3, false, 1L, null), null);
		assertThat(examples).extracting(TrainingExample::query)
			.containsExactly("what makes the tides of the oceans", "why is the sky blue");
		TrainingExample tides = examples.get(0);
		assertThat(tides.positive()).isEqualTo("the moon pulls the oceans and makes tides");
		assertThat(tides.negatives()).hasSize(3)
			.doesNotContain(tides.positive(), "oceans cover most of the earth")
			.doesNotHaveDuplicates();
	}

	@Test
	void anEmptyRelevantDocumentGivesNoExampleAndIsNeverANegative() {
		List<TrainingExample> examples = BeirExamples.build(this.dataset,
				new BeirExamples.Options(0, 0, 4, false, 1L, null), null);
		assertThat(examples).filteredOn((example) -> example.query().equals("why is the sky blue"))
			.singleElement()
			.satisfies((example) -> assertThat(example.positive())
				.isEqualTo("the sky is blue because air scatters blue light"));
		assertThat(examples).allSatisfy((example) -> assertThat(example.negatives()).noneMatch(String::isBlank));
	}

	@Test
	void hardNegativesComeFirstFromTheFirstStageRanking() {
		List<TrainingExample> examples = BeirExamples.build(this.dataset,
				new BeirExamples.Options(1, 5, 1, true, 1L, Set.of("q1")), new TermOverlapStage(this.dataset));
		assertThat(examples).hasSize(1);
		TrainingExample tides = examples.get(0);
		assertThat(tides.positive()).isEqualTo("Tides the moon pulls the oceans and makes tides");
		// d1 is the positive and d5 is excluded; d3 shares "makes" and "tides", the most
		// after d1.
		assertThat(tides.negatives().get(0)).isEqualTo("Moon the moon makes tides rise twice a day");
		assertThat(tides.negatives()).hasSize(2);
	}

	@Test
	void aSubsetWithoutRelevantDocumentsSaysSo() {
		assertThatExceptionOfType(TrainingDataException.class)
			.isThrownBy(() -> BeirExamples.build(this.dataset,
					new BeirExamples.Options(0, 0, 2, false, 1L, Set.of("q3")), null))
			.withMessageContaining("among the 1 selected query ids");
	}

}

package dev.reranker.eval.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reranker.RerankModel;
import dev.reranker.RerankResponse;
import dev.reranker.RerankResult;
import dev.reranker.eval.dataset.BeirDataset;
import dev.reranker.eval.dataset.BeirDatasetReader;
import dev.reranker.eval.firststage.FirstStage;
import dev.reranker.eval.firststage.SetupStep;
import dev.reranker.eval.report.ConfigurationResult;
import dev.reranker.eval.report.ConfigurationRun;
import dev.reranker.eval.report.QueryRun;

import org.springframework.ai.document.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pipeline on a dataset small enough to rank by hand: a term-overlap first stage and
 * a reranker that scores the share of a document's words that are "flow".
 */
class EvaluatorTests {

	@TempDir
	Path folder;

	private BeirDataset dataset;

	@BeforeEach
	void writeDataset() throws IOException {
		Files.writeString(this.folder.resolve("corpus.jsonl"), """
				{"_id": "d1", "text": "wing flow"}
				{"_id": "d2", "text": "wing"}
				{"_id": "d3", "text": "flow"}
				{"_id": "d4", "text": "heat"}
				{"_id": "src", "text": "wing flow source"}
				""");
		Files.writeString(this.folder.resolve("queries.jsonl"), """
				{"_id": "q1", "text": "wing flow"}
				{"_id": "q2", "text": "heat"}
				""");
		Files.createDirectories(this.folder.resolve("qrels"));
		Files.writeString(this.folder.resolve("qrels/test.tsv"), "q1\td3\t2\nq1\td2\t1\nq2\td4\t1\n");
		Files.writeString(this.folder.resolve("qrels/source.tsv"), "q1\tsrc\t1\n");
		this.dataset = BeirDatasetReader.read(this.folder,
				new BeirDatasetReader.Options("qrels/test.tsv", "qrels/source.tsv"));
	}

	@Test
	void firstStageAloneIsScoredOnItsCandidatesWithExclusionsRemoved() {
		Evaluator evaluator = new Evaluator(this.dataset, new Evaluator.Settings(10, List.of(2, 3), 1, true));
		Evaluator.FirstStageRun run = evaluator.runFirstStage(new OverlapFirstStage());

		assertThat(ids(run.candidates().get("q1"))).containsExactly("d1", "d2", "d3");
		assertThat(ids(run.candidates().get("q2"))).containsExactly("d4");
		assertThat(run.indexing().documents()).isEqualTo(5);

		ConfigurationRun configuration = evaluator.firstStageResult(run);
		ConfigurationResult result = configuration.result();
		// q1: d1 (0), d2 (1), d3 (2); q2: d4 (1) at rank 1
		double q1 = (1 / log2(3) + 2 / log2(4)) / (2 + 1 / log2(3));
		assertThat(result.provider()).isNull();
		assertThat(result.quality().ndcg10()).isCloseTo((q1 + 1) / 2, within(1e-12));
		assertThat(result.quality().mrr10()).isCloseTo((0.5 + 1) / 2, within(1e-12));
		assertThat(result.quality().recall5()).isEqualTo(1.0);
		assertThat(result.retrieval().samples()).isEqualTo(2);
		assertThat(result.rerank()).isNull();
		assertThat(result.tag()).isEqualTo("overlap");
		assertThat(result.queries()).isEqualTo(2);
		// the per-query figures are what the mean is made of
		assertThat(configuration.queries()).extracting(QueryRun::queryId).containsExactly("q1", "q2");
		assertThat(configuration.queries().get(0).ranking()).containsExactly("d1", "d2", "d3");
		assertThat(configuration.queries().get(0).quality().ndcg10()).isCloseTo(q1, within(1e-12));
		assertThat(configuration.queries().get(1).quality().ndcg10()).isEqualTo(1.0);
		assertThat(run.indexing().steps()).containsExactly("indexed 5 documents in memory (0.0 s)");
		assertThat(run.indexing().embeddingSeconds()).isZero();
	}

	@Test
	void rerankingReordersTheTopDepthAndKeepsTheRestInFirstStageOrder() {
		Evaluator evaluator = new Evaluator(this.dataset, new Evaluator.Settings(10, List.of(2, 3), 1, true));
		Evaluator.FirstStageRun run = evaluator.runFirstStage(new OverlapFirstStage());

		List<ConfigurationResult> results = evaluator
			.rerankResults(run, "flow:share", "flow-share", new FlowShareModel())
			.stream()
			.map(ConfigurationRun::result)
			.toList();

		assertThat(results).extracting(ConfigurationResult::depth).containsExactly(2, 3);
		// depth 2 reranks d1 (0.5), d2 (0) -> unchanged, d3 follows: same as the first
		// stage
		double firstStageQ1 = (1 / log2(3) + 2 / log2(4)) / (2 + 1 / log2(3));
		assertThat(results.get(0).quality().ndcg10()).isCloseTo((firstStageQ1 + 1) / 2, within(1e-12));
		// depth 3 reranks d3 (1.0), d1 (0.5), d2 (0)
		double rerankedQ1 = (2 + 1 / log2(4)) / (2 + 1 / log2(3));
		assertThat(results.get(1).quality().ndcg10()).isCloseTo((rerankedQ1 + 1) / 2, within(1e-12));
		assertThat(results.get(1).quality().mrr10()).isEqualTo(1.0);
		assertThat(results.get(1).label()).isEqualTo("overlap + flow-share @ 3");
		assertThat(results).extracting(ConfigurationResult::tag)
			.containsExactly("overlap+flow-share@2", "overlap+flow-share@3");
		assertThat(results.get(1).rerank().samples()).isEqualTo(2);
		assertThat(results.get(1).total().mean()).isGreaterThanOrEqualTo(results.get(1).rerank().mean());
		assertThat(results.get(1).pairsPerSecond()).isPositive();
	}

	private static List<String> ids(List<Document> documents) {
		return documents.stream().map(document -> (String) document.getMetadata().get(Evaluator.DOCUMENT_ID)).toList();
	}

	private static double log2(double value) {
		return Math.log(value) / Math.log(2);
	}

	/**
	 * Ranks by the number of query words a document contains, ties by id; drops
	 * non-matches.
	 */
	static final class OverlapFirstStage implements FirstStage {

		private final List<Document> indexed = new ArrayList<>();

		@Override
		public String name() {
			return "overlap";
		}

		@Override
		public List<SetupStep> index(List<Document> documents, IntConsumer progress) {
			this.indexed.addAll(documents);
			progress.accept(documents.size());
			return List.of(new SetupStep("indexed " + documents.size() + " documents in memory", 0, false));
		}

		@Override
		public List<Document> retrieve(String query, int topK) {
			Set<String> terms = Set.of(query.split(" "));
			return this.indexed.stream()
				.filter(document -> overlap(document, terms) > 0)
				.sorted(Comparator.comparingLong((Document document) -> -overlap(document, terms))
					.thenComparing(document -> (String) document.getMetadata().get(Evaluator.DOCUMENT_ID)))
				.limit(topK)
				.toList();
		}

		private static long overlap(Document document, Set<String> terms) {
			return Arrays.stream(document.getText().split(" ")).filter(terms::contains).count();
		}

	}

	/** Scores the share of a document's words that are "flow". */
	static final class FlowShareModel implements RerankModel {

		@Override
		public RerankResponse call(dev.reranker.RerankRequest request) {
			List<RerankResult> results = new ArrayList<>();
			for (int i = 0; i < request.documents().size(); i++) {
				String[] words = request.documents().get(i).split(" ");
				long flow = Arrays.stream(words).filter("flow"::equals).count();
				results.add(new RerankResult(i, (double) flow / words.length));
			}
			return new RerankResponse(results);
		}

	}

}

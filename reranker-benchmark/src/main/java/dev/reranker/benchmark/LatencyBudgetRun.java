package dev.reranker.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import dev.reranker.RerankDocumentMetadata;
import dev.reranker.RerankingDocumentPostProcessor;
import dev.reranker.local.LocalEngine;
import dev.reranker.local.LocalModelFiles;
import dev.reranker.local.LocalRerankModel;
import dev.reranker.testfixtures.MiniLmCrossEncoder;
import dev.reranker.testfixtures.MiniLmCrossEncoder.Precision;

/**
 * The latency budget on the local provider: 100 candidates of 250–350 words through the
 * reranking post-processor with {@code reranker.latency-budget}, calls one after another;
 * prints the wall time of each call (p50, p95, max) against the budget and how many
 * candidates were scored.
 * <p>
 * Usage: {@code LatencyBudgetRun <calls> <budget ms> <precision>}.
 */
public final class LatencyBudgetRun {

	private LatencyBudgetRun() {
	}

	public static void main(String[] args) throws Exception {
		int calls = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		Duration budget = Duration.ofMillis((args.length > 1) ? Long.parseLong(args[1]) : 250);
		Precision precision = (args.length > 2) ? Precision.valueOf(args[2]) : Precision.INT8;
		Path directory = Files.createTempDirectory("rerank-latency-budget");
		Path onnx = MiniLmCrossEncoder.write(directory, precision);
		try (LocalRerankModel model = LocalRerankModel.builder()
			.files(LocalModelFiles.inDirectory(directory, "onnx/" + onnx.getFileName(), LocalEngine.ONNX_RUNTIME))
			.build()) {
			RerankingDocumentPostProcessor postProcessor = RerankingDocumentPostProcessor.builder()
				.rerankModel(model)
				.latencyBudget(budget)
				.topN(100)
				.build();
			List<Document> candidates = candidates();
			Query query = new Query(Workload.QUERY);
			postProcessor.process(query, candidates);
			String loadBefore = SideBySide.loadAverage();
			double[] millis = new double[calls];
			int[] scored = new int[calls];
			for (int i = 0; i < calls; i++) {
				long start = System.nanoTime();
				List<Document> result = postProcessor.process(query, candidates);
				millis[i] = (System.nanoTime() - start) / 1e6;
				scored[i] = (int) result.stream()
					.filter((d) -> d.getMetadata().containsKey(RerankDocumentMetadata.RERANK_SCORE))
					.count();
			}
			double max = 0;
			for (double m : millis) {
				max = Math.max(max, m);
			}
			java.util.Arrays.sort(scored);
			System.out.printf(
					"%n%s, budget %d ms, %d calls of 100 candidates (250-350 words); load average before: %s, after: %s%n"
							+ "wall time p50 %.0f ms, p95 %.0f ms, max %.0f ms (budget + 25 %% = %.0f ms); "
							+ "scored per call: min %d, median %d, max %d of 100%n",
					precision, budget.toMillis(), calls, loadBefore, SideBySide.loadAverage(),
					SideBySide.median(millis), SideBySide.percentile(millis, 0.95), max, budget.toMillis() * 1.25,
					scored[0], scored[calls / 2], scored[calls - 1]);
		}
		System.exit(0);
	}

	/** 100 candidates of 250–350 words from the benchmark's word list, fixed seed. */
	static List<Document> candidates() {
		Random random = new Random(7);
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			int words = 250 + random.nextInt(101);
			StringBuilder text = new StringBuilder();
			for (int w = 0; w < words; w++) {
				text.append(Workload.word(random)).append(' ');
			}
			documents.add(new Document(text.toString().trim()));
		}
		return documents;
	}

}
